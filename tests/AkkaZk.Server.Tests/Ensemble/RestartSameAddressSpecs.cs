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
    public async Task A_follower_restarted_on_the_same_address_again_and_again_rejoins_every_time()
    {
        // limits that a loaded machine's stalls do not break: the leader staying is not what this spec is about
        await using var ensemble = InProcessEnsemble.Start(3, output, new EnsembleOptions(InitLimit: 20, SyncLimit: 10));
        var leader = await ensemble.WaitForLeaderAsync();
        var times = new List<long>();
        for (var round = 0; round < Restarts; round++)
        {
            var follower = ensemble.Running.Without(leader).ElementAt(round % 2);
            var abrupt = round % 2 == 0;
            if (abrupt)
            {
                // a crashed host: the peers see neither Akka.Remote's shutdown nor the connections close, and still
                // hold associations to the old incarnation when the new one connects
                await ensemble.PartitionAsync([follower], ensemble.Running.Without(follower));
                await ensemble.CrashAsync(follower);
                await ensemble.HealAsync();
            }
            else
            {
                await ensemble.CrashAsync(follower);
            }
            // a write the follower missed, through the other two
            await (await ensemble.ClientForAsync(leader)).CreateAsync($"/while-{round}-away", []);
            await ensemble.StartAsync(follower);
            var clock = Stopwatch.StartNew();
            // all three serve under one leader again
            leader = await ensemble.WaitForLeaderAsync(Rejoin);
            times.Add(clock.ElapsedMilliseconds);
        }
        output.WriteLine($"{Restarts} restarts, rejoined after (ms): {string.Join(", ", times)}");
    }
}
