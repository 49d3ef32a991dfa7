using AkkaZk.Election;
using AkkaZk.Quorum;
using Xunit;

namespace AkkaZk.Tests.Election;

// Whole elections over ElectionNetwork. The expected leaders follow from the vote order checked against the 3.8.0 jar
// (the best (peerEpoch, zxid, sid) among a quorum); the rounds themselves were not replayed on a live ensemble.
public class ElectionScenarioTests
{
    [Fact]
    public void Three_servers_starting_together_with_equal_logs_elect_the_highest_id()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3]));
        foreach (var sid in new long[] { 1, 2, 3 })
            net.AddLooking(sid, 0x100000004, 1);

        net.Start(1, 2, 3);
        net.Run();

        Assert.Equal(ServerState.Leading, net.DecisionOf(3)!.State);
        Assert.Equal(ServerState.Following, net.DecisionOf(1)!.State);
        Assert.Equal(ServerState.Following, net.DecisionOf(2)!.State);
        Assert.All(new long[] { 1, 2, 3 }, sid => Assert.Equal(3, net.DecisionOf(sid)!.Leader));
    }

    [Fact]
    public void Five_servers_elect_the_one_with_the_newest_zxid_over_higher_ids()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3, 4, 5]));
        foreach (var sid in new long[] { 1, 2, 3, 4, 5 })
            net.AddLooking(sid, sid == 2 ? 0x100000009 : 0x100000007, 1);

        net.Start(1, 2, 3, 4, 5);
        net.Run();

        Assert.All(new long[] { 1, 2, 3, 4, 5 }, sid => Assert.Equal(2, net.DecisionOf(sid)!.Leader));
        Assert.Equal(ServerState.Leading, net.DecisionOf(2)!.State);
        Assert.Equal(0x100000009, net.DecisionOf(4)!.Zxid);
    }

    [Fact]
    public void A_newer_peer_epoch_wins_over_a_longer_log_of_an_older_epoch()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3]));
        net.AddLooking(1, 0x200000001, 2);
        net.AddLooking(2, 0x100000090, 1);
        net.AddLooking(3, 0x100000090, 1);

        net.Start(1, 2, 3);
        net.Run();

        Assert.All(new long[] { 1, 2, 3 }, sid => Assert.Equal(1, net.DecisionOf(sid)!.Leader));
    }

    [Fact]
    public void Five_servers_with_two_down_still_elect_among_the_three_that_run()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3, 4, 5]));
        foreach (var sid in new long[] { 1, 2, 3 })
            net.AddLooking(sid, 0x100000004, 1);

        net.Start(1, 2, 3);
        net.Run();

        Assert.All(new long[] { 1, 2, 3 }, sid => Assert.Equal(3, net.DecisionOf(sid)!.Leader));
    }

    [Fact]
    public void Servers_in_different_rounds_converge_on_the_highest_round()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3]));
        net.AddLooking(1, 0x100000004, 1, logicalClock: 6);
        net.AddLooking(2, 0x100000004, 1, logicalClock: 0);
        net.AddLooking(3, 0x100000004, 1, logicalClock: 2);

        net.Start(1, 2, 3);
        net.Run();

        Assert.All(new long[] { 1, 2, 3 }, sid => Assert.Equal(3, net.DecisionOf(sid)!.Leader));
        Assert.All(new long[] { 1, 2, 3 }, sid => Assert.Equal(7, net.Rounds[sid].LogicalClock));
    }

    [Fact]
    public void An_observer_looking_alongside_the_voters_learns_the_leader_and_observes()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3], [4]));
        foreach (var sid in new long[] { 1, 2, 3 })
            net.AddLooking(sid, 0x100000004, 1);
        net.AddLooking(4, 0x100000009, 1);

        net.Start(4, 1, 2, 3);
        net.Run();

        Assert.Equal(3, net.DecisionOf(1)!.Leader);
        Assert.Equal(3, net.DecisionOf(4)!.Leader);
        Assert.Equal(ServerState.Observing, net.DecisionOf(4)!.State);
    }

    [Fact]
    public void A_late_joiner_in_the_same_round_follows_the_existing_leader()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3]));
        net.AddSettled(new Vote(3, 0x100000004, 1, 1, ServerState.Leading, 3));
        net.AddSettled(new Vote(3, 0x100000004, 1, 1, ServerState.Following, 2));
        net.AddLooking(1, 0x100000002, 1);

        net.Start(1);
        net.Run();

        Assert.Equal(3, net.DecisionOf(1)!.Leader);
        Assert.Equal(ServerState.Following, net.DecisionOf(1)!.State);
    }

    [Fact]
    public void A_late_joiner_from_an_older_round_finds_the_leader_through_the_settled_servers()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3, 4, 5]));
        net.AddSettled(new Vote(5, 0x300000010, 9, 3, ServerState.Leading, 5));
        net.AddSettled(new Vote(5, 0x300000010, 9, 3, ServerState.Following, 2));
        net.AddSettled(new Vote(5, 0x300000010, 9, 3, ServerState.Following, 3));
        net.AddLooking(1, 0x900000000, 9);

        net.Start(1);
        net.Run();

        // Its own log looks better, but a quorum outside the election already follows 5, which leads.
        Assert.Equal(5, net.DecisionOf(1)!.Leader);
        Assert.Equal(ServerState.Following, net.DecisionOf(1)!.State);
        Assert.Equal(9, net.Rounds[1].LogicalClock);
    }

    [Fact]
    public void A_late_joiner_stays_looking_while_too_few_settled_servers_answer()
    {
        var net = new ElectionNetwork(new QuorumMajority([1, 2, 3, 4, 5]));
        net.AddSettled(new Vote(5, 0x300000010, 9, 3, ServerState.Leading, 5));
        net.AddLooking(1, 0x100000000, 1);

        net.Start(1);
        net.Run();

        Assert.Null(net.DecisionOf(1));
    }
}
