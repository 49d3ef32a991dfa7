using System.Collections.Concurrent;
using System.Text;
using AkkaZk.Client;
using AkkaZk.Election;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

[Collection(EnsembleCollection.Name)]
public sealed class LeaderFailoverSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task When_the_leader_crashes_the_others_elect_a_new_leader_and_writes_continue()
    {
        await using var ensemble = InProcessEnsemble.Start(3, output);
        var first = await ensemble.WaitForLeaderAsync();
        var firstEpoch = ensemble.Nodes[first].Status.Current.Epoch;
        var before = await ensemble.ClientForAsync(ensemble.Running.Without(first).First());
        for (var k = 0; k < 5; k++)
            await before.CreateAsync($"/before-{k}", Encoding.UTF8.GetBytes($"v{k}"));

        await ensemble.CrashAsync(first);

        var second = await ensemble.WaitForLeaderAsync();
        Assert.NotEqual(first, second);
        Assert.True(ensemble.Nodes[second].Status.Current.Epoch > firstEpoch,
            $"the new leader's epoch {ensemble.Nodes[second].Status.Current.Epoch} should be above {firstEpoch}");
        var after = await ensemble.ClientForAsync(ensemble.Running.Without(second).First());
        for (var k = 0; k < 5; k++)
            await after.CreateAsync($"/after-{k}", Encoding.UTF8.GetBytes($"w{k}"));
        await after.SetDataAsync("/before-0", Encoding.UTF8.GetBytes("changed"));
        var survivors = await ensemble.SameTreeOnAsync(ensemble.Running);
        var paths = survivors.Select(z => z.Path).ToHashSet();
        Assert.All(Enumerable.Range(0, 5), k => Assert.Contains($"/before-{k}", paths));
        Assert.All(Enumerable.Range(0, 5), k => Assert.Contains($"/after-{k}", paths));

        // the old leader comes back as a follower of the new one and holds the same tree
        await ensemble.StartAsync(first);
        Assert.Equal(second, await ensemble.WaitForLeaderAsync());
        Assert.Equal(ServerState.Following, ensemble.Nodes[first].Status.Current.State);
        var all = await ensemble.SameTreeOnAsync(Enumerable.Range(0, 3));
        Assert.Equal(survivors, all);
    }

    [Fact]
    public async Task Every_write_acknowledged_before_the_leader_crashed_is_on_every_server_afterwards()
    {
        await using var ensemble = InProcessEnsemble.Start(3, output);
        var leader = await ensemble.WaitForLeaderAsync();
        var client = await ensemble.ClientForAsync(ensemble.Running.Without(leader).First());

        // a stream of creates, eight in flight, until the connection drops
        var acknowledged = new ConcurrentBag<int>();
        var window = new SemaphoreSlim(8);
        var stream = Task.Run(async () =>
        {
            var inFlight = new List<Task>();
            for (var k = 0; !client.IsClosed; k++)
            {
                await window.WaitAsync();
                var n = k;
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await client.CreateAsync($"/stream-{n}", Encoding.UTF8.GetBytes($"s{n}"));
                        acknowledged.Add(n);
                    }
                    catch (Exception e) when (e is IOException or ObjectDisposedException or ZkException)
                    {
                    }
                    finally
                    {
                        window.Release();
                    }
                }));
            }
            await Task.WhenAll(inFlight);
        });
        await Eventually.True(() => acknowledged.Count >= 30, InProcessEnsemble.DefaultTimeout, () => "30 acknowledged creates");

        await ensemble.CrashAsync(leader);
        // the follower leaves its role and closes its clients; the stream ends
        await stream.WaitAsync(InProcessEnsemble.DefaultTimeout);

        await ensemble.WaitForLeaderAsync();
        var paths = (await ensemble.SameTreeOnAsync(ensemble.Running)).Select(z => z.Path).ToHashSet();
        var missing = acknowledged.Where(n => !paths.Contains($"/stream-{n}")).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged creates are lost: {string.Join(", ", missing)}");

        await ensemble.StartAsync(leader);
        await ensemble.WaitForLeaderAsync();
        await ensemble.SameTreeOnAsync(Enumerable.Range(0, 3));
    }
}
