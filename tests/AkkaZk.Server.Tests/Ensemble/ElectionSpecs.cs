using System.Text;
using AkkaZk.Client;
using AkkaZk.Election;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

[Collection(EnsembleCollection.Name)]
public sealed class ElectionSpecs(ITestOutputHelper output)
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Servers_started_together_elect_exactly_one_leader_that_all_others_follow(int size)
    {
        await using var ensemble = InProcessEnsemble.Start(size, output);

        var leader = await ensemble.WaitForLeaderAsync();

        var states = ensemble.Nodes.Select(n => n.Status.Current).ToList();
        Assert.Single(states, s => s.State == ServerState.Leading);
        Assert.All(states.Where((_, i) => i != leader), s => Assert.Equal(ServerState.Following, s.State));
        var leaderStatus = states[leader];
        Assert.Equal(
            Enumerable.Range(0, size).Without(leader).Select(i => ensemble.Nodes[i].Sid).Order(),
            leaderStatus.Learners.Where(l => l.Synced).Select(l => l.Sid).Order());

        // a write through one follower is seen by every server
        var writer = await ensemble.ClientForAsync((leader + 1) % size);
        await writer.CreateAsync("/elected", Encoding.UTF8.GetBytes("by " + size));
        var tree = await ensemble.SameTreeOnAsync(Enumerable.Range(0, size));
        Assert.Contains(tree, z => z.Path == "/elected" && z.Data == Convert.ToHexString(Encoding.UTF8.GetBytes("by " + size)));
    }
}
