using AkkaZk.ProcessTests.Durability;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// A follower that stops (or crashes) and comes back rejoins the leader it left: as in ZooKeeper, the leader keeps
/// leading in the same epoch, and the writes made meanwhile reach the returning follower.
/// </summary>
public sealed class FollowerRestartTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGKILL")]
    public async Task Follower_that_comes_back_rejoins_the_same_leader_in_the_same_epoch(string signal)
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("follower-back");
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = (leader + 1) % ensemble.Count;
        await using var client = await EnsembleReads.ConnectDirectAsync(ensemble.Ports[leader].Client);
        var (_, _, before) = await client.CreateAsync("/before", "");

        if (signal == "SIGKILL")
            await ensemble.KillAsync(follower);
        else
            Assert.Equal(0, await ensemble.StopAsync(follower));
        var (_, _, meanwhile) = await client.CreateAsync("/meanwhile", "");
        await ensemble.RestartAsync(follower);
        var after = await ensemble.WaitForLeaderAsync();

        var stepDowns = ensemble[leader].AllStdOut.Split('\n')
            .Where(l => l.Contains("stepping down", StringComparison.Ordinal) || l.Contains("steps down", StringComparison.Ordinal) ||
                        l.Contains("leader of epoch", StringComparison.Ordinal))
            .ToList();
        Assert.True(after == leader && stepDowns.Count == 0 && !client.IsClosed,
            $"server {leader + 1} led epoch {before >> 32}; after server {follower + 1} came back server {after + 1} leads " +
            $"and the leader's client connection is {(client.IsClosed ? "closed" : "open")}; the leader logged:\n{string.Join('\n', stepDowns)}");
        var (_, _, last) = await client.CreateAsync("/after", "");
        output.WriteLine($"zxids: before 0x{before:x}, while server {follower + 1} was away 0x{meanwhile:x}, after it came back 0x{last:x}");
        Assert.Equal(before >> 32, last >> 32);
        Assert.NotNull(await EnsembleReads.StatOnAsync(ensemble.Ports[follower].Client, "/meanwhile"));
    }
}
