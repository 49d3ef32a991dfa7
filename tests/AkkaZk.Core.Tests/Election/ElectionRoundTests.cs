using AkkaZk.Election;
using AkkaZk.Quorum;
using Xunit;

namespace AkkaZk.Tests.Election;

// Behaviour of FastLeaderElection.lookForLeader (ZooKeeper 3.8), one server's round at a time.
public class ElectionRoundTests
{
    private static readonly QuorumMajority Three = new([1, 2, 3]);

    private static Vote Looking(long sid, long leader, long zxid, long electionEpoch, long peerEpoch = 1) =>
        new(leader, zxid, electionEpoch, peerEpoch, ServerState.Looking, sid);

    [Fact]
    public void Starting_a_round_advances_the_logical_clock_and_broadcasts_a_vote_for_myself()
    {
        var round = new ElectionRound(2, 0x100000007, 1, logicalClock: 4, Three);

        var actions = round.Start();

        Assert.Equal(5, round.LogicalClock);
        var broadcast = Assert.IsType<BroadcastVote>(Assert.Single(actions));
        Assert.Equal(new Vote(2, 0x100000007, 5, 1, ServerState.Looking, 2), broadcast.Vote);
    }

    [Fact]
    public void A_better_vote_in_the_same_round_replaces_my_proposal_and_is_broadcast()
    {
        var round = new ElectionRound(1, 0x100000005, 1, 0, Three);
        round.Start();

        var actions = round.Receive(Looking(3, 3, 0x100000005, 1));

        Assert.Equal(3, round.Proposal.Leader);
        Assert.Contains(actions, a => a is BroadcastVote { Vote.Leader: 3 });
    }

    [Fact]
    public void A_worse_vote_in_the_same_round_is_recorded_but_changes_nothing()
    {
        var round = new ElectionRound(3, 0x100000005, 1, 0, Three);
        round.Start();

        var actions = round.Receive(Looking(1, 1, 0x100000005, 1));

        Assert.Empty(actions);
        Assert.Equal(3, round.Proposal.Leader);
        Assert.True(round.ReceivedVotes.ContainsKey(1));
    }

    [Fact]
    public void A_higher_election_epoch_resets_the_clock_and_the_received_votes_and_keeps_the_better_candidate()
    {
        var round = new ElectionRound(3, 0x100000009, 1, 0, Three);
        round.Start();
        round.Receive(Looking(3, 3, 0x100000009, 1));

        var actions = round.Receive(Looking(1, 1, 0x100000005, 5));

        Assert.Equal(5, round.LogicalClock);
        Assert.Equal(new Vote(3, 0x100000009, 5, 1, ServerState.Looking, 3), round.Proposal);
        Assert.Equal([1L], round.ReceivedVotes.Keys);
        Assert.Contains(actions, a => a is BroadcastVote { Vote.ElectionEpoch: 5, Vote.Leader: 3 });
    }

    [Fact]
    public void A_higher_election_epoch_with_a_better_candidate_adopts_that_candidate()
    {
        var round = new ElectionRound(1, 0x100000005, 1, 0, Three);
        round.Start();

        round.Receive(Looking(2, 2, 0x100000009, 5));

        Assert.Equal(5, round.LogicalClock);
        Assert.Equal(2, round.Proposal.Leader);
        Assert.Equal(0x100000009, round.Proposal.Zxid);
    }

    [Fact]
    public void A_vote_from_an_older_round_is_not_counted_and_its_sender_is_told_my_vote()
    {
        var round = new ElectionRound(1, 0x100000005, 1, 4, Three);
        round.Start();

        var actions = round.Receive(Looking(2, 3, 0x100000009, 2));

        Assert.Equal(1, round.Proposal.Leader);
        Assert.Empty(round.ReceivedVotes);
        var reply = Assert.IsType<SendVote>(Assert.Single(actions));
        Assert.Equal(2, reply.To);
        Assert.Equal(5, reply.Vote.ElectionEpoch);
    }

    [Fact]
    public void Votes_from_servers_outside_the_voting_view_are_answered_but_never_counted()
    {
        var round = new ElectionRound(1, 0x100000005, 1, 0, new QuorumMajority([1, 2, 3], [4]));
        round.Start();

        var actions = round.Receive(Looking(4, 4, 0x900000000, 1, 9));

        Assert.Equal(1, round.Proposal.Leader);
        Assert.Equal(4, Assert.IsType<SendVote>(Assert.Single(actions)).To);
    }

    [Fact]
    public void A_quorum_for_my_proposal_starts_the_finalize_wait_and_its_end_decides()
    {
        var round = new ElectionRound(3, 0x100000005, 1, 0, Three);
        round.Start();
        round.Receive(Looking(3, 3, 0x100000005, 1));
        Assert.False(round.IsFinalizing);

        var actions = round.Receive(Looking(2, 3, 0x100000005, 1));

        Assert.True(round.IsFinalizing);
        Assert.Equal(ElectionRound.FinalizeWait, Assert.IsType<StartFinalizeWait>(Assert.Single(actions)).Wait);
        Assert.Null(round.Decision);

        var decided = Assert.IsType<ElectionDecided>(Assert.Single(round.FinalizeWaitElapsed()));
        Assert.Equal(ServerState.Leading, decided.NewState);
        Assert.Equal(new Vote(3, 0x100000005, 1, 1, ServerState.Leading, 3), decided.Vote);
    }

    [Fact]
    public void During_the_finalize_wait_a_vote_that_is_not_better_is_dropped_and_the_wait_restarts()
    {
        var round = new ElectionRound(2, 0x100000005, 1, 0, Three);
        round.Start();
        round.Receive(Looking(2, 2, 0x100000005, 1));
        round.Receive(Looking(1, 2, 0x100000005, 1));
        Assert.True(round.IsFinalizing);

        var actions = round.Receive(Looking(1, 1, 0x100000005, 1));

        Assert.IsType<StartFinalizeWait>(Assert.Single(actions));
        Assert.Equal(2, round.ReceivedVotes[1].Leader);
        Assert.Equal(ServerState.Leading, Assert.IsType<ElectionDecided>(Assert.Single(round.FinalizeWaitElapsed())).NewState);
    }

    [Fact]
    public void During_the_finalize_wait_a_better_vote_cancels_the_decision_and_becomes_my_proposal()
    {
        var round = new ElectionRound(2, 0x100000005, 1, 0, Three);
        round.Start();
        round.Receive(Looking(2, 2, 0x100000005, 1));
        round.Receive(Looking(1, 2, 0x100000005, 1));

        var actions = round.Receive(Looking(3, 3, 0x100000005, 1));

        Assert.False(round.IsFinalizing);
        Assert.Equal(3, round.Proposal.Leader);
        Assert.Contains(actions, a => a is BroadcastVote { Vote.Leader: 3 });
        Assert.Empty(round.FinalizeWaitElapsed());
        Assert.Null(round.Decision);
    }

    [Fact]
    public void Without_notifications_the_vote_is_resent_with_a_doubling_timeout_capped_at_sixty_seconds()
    {
        var round = new ElectionRound(1, 0, 0, 0, Three);
        round.Start();
        Assert.Equal(TimeSpan.FromMilliseconds(200), round.NotificationTimeout);

        Assert.IsType<BroadcastVote>(Assert.Single(round.NotificationTimeoutElapsed()));
        Assert.Equal(TimeSpan.FromMilliseconds(400), round.NotificationTimeout);
        for (var i = 0; i < 20; i++)
            round.NotificationTimeoutElapsed();
        Assert.Equal(TimeSpan.FromSeconds(60), round.NotificationTimeout);
    }

    [Fact]
    public void A_quorum_of_followers_is_not_followed_until_the_leader_itself_says_it_leads()
    {
        var round = new ElectionRound(1, 0x100000005, 1, 0, new QuorumMajority([1, 2, 3, 4, 5]));
        round.Start();

        var actions = new List<ElectionAction>();
        foreach (var sid in new long[] { 2, 4, 5 })
            actions.AddRange(round.Receive(new Vote(3, 0x100000009, 7, 1, ServerState.Following, sid)));

        Assert.Empty(actions);
        Assert.Null(round.Decision);

        var decided = Assert.IsType<ElectionDecided>(Assert.Single(round.Receive(new Vote(3, 0x100000009, 7, 1, ServerState.Leading, 3))));
        Assert.Equal(ServerState.Following, decided.NewState);
        Assert.Equal(3, decided.Vote.Leader);
        Assert.Equal(7, round.LogicalClock);
    }

    [Fact]
    public void A_peer_that_connects_again_is_sent_my_current_proposal_and_my_backoff_is_left_alone()
    {
        var round = new ElectionRound(1, 0x100000005, 1, 0, Three);
        round.Start();
        round.Receive(Looking(3, 3, 0x100000005, 1));
        round.NotificationTimeoutElapsed();
        round.NotificationTimeoutElapsed();
        var backoff = round.NotificationTimeout;

        var actions = round.PeerConnected(3);

        var send = Assert.IsType<SendVote>(Assert.Single(actions));
        Assert.Equal(3, send.To);
        Assert.Equal(new Vote(3, 0x100000005, 1, 1, ServerState.Looking, 1), send.Vote);
        Assert.Equal(backoff, round.NotificationTimeout);
        Assert.Empty(round.PeerConnected(1));
    }

    [Fact]
    public void An_observer_that_connects_is_not_sent_my_vote()
    {
        var round = new ElectionRound(1, 0x100000005, 1, 0, new QuorumMajority([1, 2, 3], observers: [4]));
        round.Start();

        Assert.Empty(round.PeerConnected(4));
    }

    [Fact]
    public void A_decided_round_sends_nothing_when_a_peer_connects()
    {
        var round = new ElectionRound(3, 0x100000005, 1, 0, Three);
        round.Start();
        round.Receive(Looking(3, 3, 0x100000005, 1));
        round.Receive(Looking(2, 3, 0x100000005, 1));
        round.FinalizeWaitElapsed();
        Assert.NotNull(round.Decision);

        Assert.Empty(round.PeerConnected(1));
    }
}
