using AkkaZk.Quorum;
using Xunit;

namespace AkkaZk.Tests.Quorum;

// LearnerHandler.syncFollower / queueCommittedProposals of ZooKeeper 3.8, case by case. Every expected plan (packets,
// snapshot or not, startForwarding zxid) was checked by running the 3.8.0 jar's LearnerHandler.syncFollower on the
// same logs through a stub ZKDatabase and LearnerMaster; its internal marker packet is not a wire packet and is left out.
public class SyncDecisionTests
{
    private static long Z(long epoch, long counter) => Zxid.Make(epoch, counter);

    private static long[] Range(long epoch, long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(c => Z(epoch, c)).ToArray();

    private static SyncPacket[] ProposalsAndCommits(params long[] zxids) =>
        zxids.SelectMany(z => new SyncPacket[] { new ProposalPacket(z), new CommitPacket(z) }).ToArray();

    [Fact]
    public void A_learner_level_with_the_leader_gets_an_empty_diff_at_its_own_zxid()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 5), Z(1, 5), Range(1, 1, 5)));

        Assert.Equal(SyncMode.Diff, plan.Mode);
        Assert.Equal([new DiffPacket(Z(1, 5))], plan.Packets);
        Assert.Equal(Z(1, 5), plan.ForwardFrom);
    }

    [Fact]
    public void A_learner_ahead_of_the_committed_log_is_truncated_to_its_end()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 7), Z(1, 5), Range(1, 1, 5)));

        Assert.Equal(SyncMode.Trunc, plan.Mode);
        Assert.Equal([new TruncPacket(Z(1, 5))], plan.Packets);
        Assert.Equal(Z(1, 5), plan.ForwardFrom);
    }

    [Fact]
    public void A_learner_inside_the_committed_log_gets_a_diff_with_every_later_proposal_and_its_commit()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 3), Z(2, 2), [.. Range(1, 1, 5), .. Range(2, 1, 2)]));

        Assert.Equal(SyncMode.Diff, plan.Mode);
        Assert.Equal(
            [new DiffPacket(Z(2, 2)), .. ProposalsAndCommits(Z(1, 4), Z(1, 5), Z(2, 1), Z(2, 2))],
            plan.Packets);
        Assert.Equal(Z(2, 2), plan.ForwardFrom);
    }

    [Fact]
    public void A_learner_with_txns_the_leader_never_saw_in_the_same_epoch_is_truncated_to_the_last_common_zxid_then_sent_the_rest()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 3), Z(1, 6), [Z(1, 1), Z(1, 2), Z(1, 4), Z(1, 5), Z(1, 6)]));

        Assert.Equal(SyncMode.TruncDiff, plan.Mode);
        Assert.Equal([new TruncPacket(Z(1, 2)), .. ProposalsAndCommits(Z(1, 4), Z(1, 5), Z(1, 6))], plan.Packets);
        Assert.Equal(Z(1, 6), plan.ForwardFrom);
    }

    [Fact]
    public void A_learner_whose_unseen_txns_end_where_the_leader_started_a_new_epoch_gets_a_snapshot_as_trunc_cannot_cross_epochs()
    {
        // The old leader of epoch 1 logged 0x100000004 alone; the new leader went on with epoch 2.
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 4), Z(2, 2), [.. Range(1, 1, 3), .. Range(2, 1, 2)]));

        Assert.Equal(SyncMode.Snap, plan.Mode);
        Assert.Empty(plan.Packets);
        // ZooKeeper already chose where forwarding starts before its snapshot fallback.
        Assert.Equal(Z(1, 4), plan.ForwardFrom);
    }

    [Fact]
    public void A_learner_at_the_start_of_a_new_epoch_gets_a_diff_with_the_txns_after_it()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(2, 0), Z(2, 2), [.. Range(1, 4, 6), .. Range(2, 1, 2)]));

        Assert.Equal(SyncMode.Diff, plan.Mode);
        Assert.Equal([new DiffPacket(Z(2, 2)), .. ProposalsAndCommits(Z(2, 1), Z(2, 2))], plan.Packets);
    }

    [Fact]
    public void A_learner_at_a_new_epoch_beyond_the_leaders_history_gets_a_snapshot()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(3, 0), Z(2, 5), Range(2, 1, 5)));

        Assert.Equal(SyncMode.Snap, plan.Mode);
        Assert.Equal(Z(2, 5), plan.ForwardFrom);
    }

    [Fact]
    public void A_learner_older_than_the_committed_log_gets_a_snapshot_when_the_txn_log_cannot_help()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 2), Z(1, 12), Range(1, 8, 12)));

        Assert.Equal(SyncMode.Snap, plan.Mode);
        Assert.Empty(plan.Packets);
        Assert.Equal(Z(1, 12), plan.ForwardFrom);
    }

    [Fact]
    public void A_learner_older_than_the_committed_log_is_served_from_the_txn_log_and_then_the_committed_log()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 3), Z(1, 12), Range(1, 8, 12), TxnLog: Range(1, 1, 10)));

        Assert.Equal(SyncMode.Diff, plan.Mode);
        Assert.Equal([new DiffPacket(Z(1, 12)), .. ProposalsAndCommits(Range(1, 4, 12))], plan.Packets);
        Assert.Equal(Z(1, 12), plan.ForwardFrom);
    }

    [Fact]
    public void A_txn_log_that_does_not_reach_the_committed_log_falls_back_to_a_snapshot()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 3), Z(1, 12), Range(1, 8, 12), TxnLog: Range(1, 1, 5)));

        Assert.Equal(SyncMode.Snap, plan.Mode);
        Assert.Empty(plan.Packets);
    }

    [Fact]
    public void An_empty_committed_log_stands_for_the_last_processed_zxid()
    {
        Assert.Equal(SyncMode.Diff, SyncDecision.Decide(new SyncInput(Z(1, 5), Z(1, 5), [])).Mode);
        Assert.Equal([new TruncPacket(Z(1, 5))], SyncDecision.Decide(new SyncInput(Z(1, 6), Z(1, 5), [])).Packets);
        Assert.Equal(SyncMode.Snap, SyncDecision.Decide(new SyncInput(Z(1, 4), Z(1, 5), [])).Mode);
    }

    [Fact]
    public void A_forced_snapshot_sync_always_sends_a_snapshot()
    {
        var plan = SyncDecision.Decide(new SyncInput(Z(1, 5), Z(1, 5), Range(1, 1, 5), ForceSnapSync: true));

        Assert.Equal(SyncMode.Snap, plan.Mode);
    }
}
