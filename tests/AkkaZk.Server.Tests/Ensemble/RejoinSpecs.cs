using System.Diagnostics;
using AkkaZk.Election;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

[Collection(EnsembleCollection.Name)]
public sealed class RejoinSpecs(ITestOutputHelper output)
{
    /// <summary>
    /// How long the restarted server stays cut off from the leader: its notification timeout (200 ms, doubling) has
    /// then grown to 12.8 s, so it would ask the leader again only about 12 s after the link comes back.
    /// </summary>
    private static readonly TimeSpan CutOff = TimeSpan.FromSeconds(13);

    /// <summary>Well below those ~12 s: the association made once the link is back carries the votes at once.</summary>
    private static readonly TimeSpan Rejoin = TimeSpan.FromSeconds(7);

    /// <summary>
    /// A connection attempt made across the cut waits for the peer's handshake (Akka.Remote takes the TCP transport's
    /// connection-timeout for it, 15 s by default) before it fails and a new one is made; a short wait keeps the
    /// association after the cut from depending on when the last attempt began.
    /// </summary>
    private const string ShortHandshake = "akka.remote.dot-netty.tcp.connection-timeout = 2s";

    [Fact]
    public async Task A_restarted_server_that_backed_off_while_the_leader_was_unreachable_follows_it_as_soon_as_they_connect_again()
    {
        await using var ensemble = InProcessEnsemble.Start(3, output, new EnsembleOptions(Hocon: ShortHandshake));
        var leader = await ensemble.WaitForLeaderAsync();
        var epoch = ensemble.Nodes[leader].Status.Current.Epoch;
        var follower = ensemble.Running.Without(leader).First();

        // crashed, the follower's connections close as a killed process's do; it comes back hearing the other follower
        // but not the leader, whose own LEADING vote it needs to follow
        await ensemble.CrashAsync(follower);
        await ensemble.PartitionAsync([follower], [leader]);
        await ensemble.StartAsync(follower);
        await Eventually.True(() => ensemble.Nodes[follower].Status.Current.State == ServerState.Looking, InProcessEnsemble.DefaultTimeout,
            () => $"node {follower} LOOKING after its restart: {ensemble.Describe()}");
        await Task.Delay(CutOff);
        Assert.Equal(ServerState.Looking, ensemble.Nodes[follower].Status.Current.State);

        // the link comes back: the first association between the two (whichever side makes it, for whatever message)
        // makes each send the other its vote
        await ensemble.HealAsync();
        var healed = Stopwatch.StartNew();

        Assert.Equal(leader, await ensemble.WaitForLeaderAsync(Rejoin));
        output.WriteLine($"node {follower} followed node {leader} {healed.ElapsedMilliseconds} ms after the link came back");
        Assert.Equal(epoch, ensemble.Nodes[leader].Status.Current.Epoch);
    }
}
