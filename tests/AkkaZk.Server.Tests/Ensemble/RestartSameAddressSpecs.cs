using System.Diagnostics;
using AkkaZk.Client;
using AkkaZk.Election;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

/// <summary>
/// A server that stops or crashes and starts again on the same address is a new Akka.Remote incarnation (a new
/// UID) of an address its peers knew: whatever the peers' endpoints to the old one went through (gated, quarantined,
/// a pending write into a dead connection), the new one must be able to rejoin, every time.
/// </summary>
[Collection(EnsembleCollection.Name)]
public sealed class RestartSameAddressSpecs(ITestOutputHelper output)
{
    private const int Restarts = 8;

    /// <summary>A rejoin takes an election round and a sync: a few hundred ms, a few s under load.</summary>
    private static readonly TimeSpan Rejoin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_follower_restarted_on_the_same_address_again_and_again_rejoins_the_same_leader_every_time()
    {
        await using var ensemble = InProcessEnsemble.Start(3, output);
        var leader = await ensemble.WaitForLeaderAsync();
        var epoch = ensemble.Nodes[leader].Status.Current.Epoch;
        var client = await ensemble.ClientForAsync(leader);
        var times = new List<long>();
        for (var round = 0; round < Restarts; round++)
        {
            var follower = ensemble.Running.Without(leader).ElementAt(round % 2);
            var abrupt = round % 2 == 0;
            if (abrupt)
            {
                // a killed process: its connections drop without a word of Akka.Remote's shutdown
                await ensemble.PartitionAsync([follower], ensemble.Running.Without(follower));
                await ensemble.CrashAsync(follower);
                await ensemble.HealAsync();
            }
            else
            {
                await ensemble.CrashAsync(follower);
            }
            await client.CreateAsync($"/while-{round}-away", []);
            await ensemble.StartAsync(follower);
            var clock = Stopwatch.StartNew();
            var now = await ensemble.WaitForLeaderAsync(Rejoin);
            times.Add(clock.ElapsedMilliseconds);
            Assert.True(now == leader, $"round {round}: node {now} leads instead of node {leader}: {ensemble.Describe()}");
            Assert.Equal(epoch, ensemble.Nodes[leader].Status.Current.Epoch);
        }
        output.WriteLine($"{Restarts} restarts, rejoined after (ms): {string.Join(", ", times)}");
    }
}
