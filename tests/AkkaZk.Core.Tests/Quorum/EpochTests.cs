using AkkaZk.Quorum;
using Xunit;

namespace AkkaZk.Tests.Quorum;

// Leader.getEpochToPropose / waitForEpochAck, Learner.registerWithLeader and QuorumPeer.loadDataBase of ZooKeeper 3.8,
// read from its source and the 3.8.0 jar's bytecode (loadDataBase's defaults and messages), not run.
public class EpochTests
{
    private static readonly QuorumMajority Five = new([1, 2, 3, 4, 5], [6]);

    [Fact]
    public void The_new_epoch_is_one_more_than_the_highest_accepted_epoch_of_a_quorum_including_the_leader()
    {
        var proposal = EpochProposal.Start(leaderId: 3)
            .Report(3, 4, Five)
            .Report(1, 6, Five);
        Assert.False(proposal.IsDecided);
        Assert.Equal(7, proposal.Epoch);

        proposal = proposal.Report(2, 5, Five);

        Assert.True(proposal.IsDecided);
        Assert.Equal(7, proposal.Epoch);
    }

    [Fact]
    public void Learners_reporting_after_the_quorum_get_the_decided_epoch_whatever_they_accepted()
    {
        var proposal = EpochProposal.Start(1).Report(1, 2, Five).Report(2, 2, Five).Report(3, 2, Five);

        var later = proposal.Report(4, 9, Five);

        Assert.Equal(3, later.Epoch);
        Assert.Same(proposal, later);
    }

    [Fact]
    public void Observers_raise_the_epoch_but_do_not_count_towards_its_quorum()
    {
        var proposal = EpochProposal.Start(1).Report(1, 2, Five).Report(6, 8, Five).Report(2, 2, Five);

        Assert.False(proposal.IsDecided);
        Assert.Equal(9, proposal.Epoch);
    }

    [Fact]
    public void A_quorum_without_the_leader_does_not_decide_the_epoch()
    {
        var proposal = EpochProposal.Start(5).Report(1, 2, Five).Report(2, 2, Five).Report(3, 2, Five);

        Assert.False(proposal.IsDecided);
        Assert.True(proposal.Report(5, 1, Five).IsDecided);
    }

    [Fact]
    public void Epoch_acks_finish_with_a_quorum_including_the_leader()
    {
        var acks = EpochAcks.Start(1, new StateSummary(2, Z(2, 9)));
        (acks, var outcome) = acks.Ack(1, new StateSummary(2, Z(2, 9)), Five);
        Assert.Equal(EpochAckOutcome.Waiting, outcome);
        (acks, outcome) = acks.Ack(2, new StateSummary(2, Z(2, 5)), Five);
        Assert.Equal(EpochAckOutcome.Waiting, outcome);

        (acks, outcome) = acks.Ack(3, new StateSummary(1, Z(1, 40)), Five);

        Assert.Equal(EpochAckOutcome.QuorumReached, outcome);
        Assert.True(acks.IsFinished);
    }

    [Theory]
    [InlineData(3L, 0x200000001L)] // a newer current epoch
    [InlineData(2L, 0x20000000aL)] // the same epoch with a longer log
    public void A_learner_ahead_of_the_leader_makes_the_leader_abandon(long currentEpoch, long lastZxid)
    {
        var acks = EpochAcks.Start(1, new StateSummary(2, Z(2, 9)));

        var (_, outcome) = acks.Ack(2, new StateSummary(currentEpoch, lastZxid), Five);

        Assert.Equal(EpochAckOutcome.LeaderBehind, outcome);
    }

    [Fact]
    public void Acks_of_an_already_accepted_epoch_and_of_observers_are_not_counted()
    {
        var acks = EpochAcks.Start(1, new StateSummary(2, Z(2, 9)));
        (acks, _) = acks.Ack(1, new StateSummary(2, Z(2, 9)), Five);
        (acks, _) = acks.Ack(2, new StateSummary(-1, Z(2, 9)), Five);
        (acks, _) = acks.Ack(6, new StateSummary(2, Z(2, 9)), Five);
        (acks, var outcome) = acks.Ack(3, new StateSummary(2, -1), Five);

        Assert.Equal(EpochAckOutcome.Waiting, outcome);
        Assert.Equal([1L], acks.Electing);
    }

    [Fact]
    public void A_learner_accepts_a_newer_epoch_and_acks_with_its_current_epoch()
    {
        var reply = new PeerEpochs(2, 3).OnLeaderInfo(4);

        Assert.Equal(new PeerEpochs(2, 4), reply.Epochs);
        Assert.Equal(2, reply.AckedCurrentEpoch);
        Assert.True(reply.MustPersist);
    }

    [Fact]
    public void A_learner_acks_an_epoch_it_already_accepted_with_minus_one()
    {
        var reply = new PeerEpochs(2, 4).OnLeaderInfo(4);

        Assert.Equal(new PeerEpochs(2, 4), reply.Epochs);
        Assert.Equal(-1, reply.AckedCurrentEpoch);
        Assert.False(reply.MustPersist);
    }

    [Fact]
    public void A_learner_refuses_a_leader_offering_an_older_epoch_than_it_accepted()
    {
        Assert.Throws<InvalidOperationException>(() => new PeerEpochs(2, 4).OnLeaderInfo(3));
    }

    [Fact]
    public void Joining_the_new_epoch_makes_it_current()
    {
        Assert.Equal(new PeerEpochs(4, 4), new PeerEpochs(2, 4).Join(4));
    }

    [Fact]
    public void Missing_epoch_files_are_derived_from_the_last_zxid_and_the_current_epoch()
    {
        Assert.Equal(new PeerEpochs(3, 3), PeerEpochs.Load(null, null, Z(3, 7)));
        Assert.Equal(new PeerEpochs(3, 5), PeerEpochs.Load(3, 5, Z(3, 7)));
    }

    [Fact]
    public void A_missing_accepted_epoch_comes_from_the_log_not_from_the_current_epoch()
    {
        var e = Assert.Throws<InvalidDataException>(() => PeerEpochs.Load(4, null, Z(3, 7)));
        Assert.Equal("The accepted epoch, 3 is less than the current epoch, 4", e.Message);
    }

    [Fact]
    public void A_current_epoch_behind_the_log_is_repaired_from_a_leftover_temporary_file()
    {
        Assert.Equal(new PeerEpochs(3, 3), PeerEpochs.Load(2, 3, Z(3, 7), currentEpochTmp: 3));
    }

    [Fact]
    public void Epoch_files_behind_the_log_or_each_other_are_fatal()
    {
        Assert.Equal(
            "The current epoch, 2, is older than the last zxid, 12884901895",
            Assert.Throws<InvalidDataException>(() => PeerEpochs.Load(2, 5, Z(3, 7))).Message);
        Assert.Equal(
            "The accepted epoch, 1a is less than the current epoch, 1b",
            Assert.Throws<InvalidDataException>(() => PeerEpochs.Load(0x1b, 0x1a, Z(3, 7))).Message);
    }

    private static long Z(long epoch, long counter) => Zxid.Make(epoch, counter);
}
