using System.Text;
using AkkaZk.Client;
using AkkaZk.Election;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

/// <summary>Observers: they learn every committed txn and serve clients, but never vote and never count for a quorum.</summary>
[Collection(EnsembleCollection.Name)]
public sealed class ObserverSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task An_observer_serves_every_committed_write_but_its_ack_never_makes_a_quorum()
    {
        // servers 1-3 vote, server 4 observes
        await using var ensemble = InProcessEnsemble.Start(4, output, new EnsembleOptions(Observers: 1));
        const int observer = 3;

        var leader = await ensemble.WaitForLeaderAsync();
        Assert.NotEqual(observer, leader);
        Assert.Equal(ServerState.Observing, ensemble.Nodes[observer].Status.Current.State);
        var learners = ensemble.Nodes[leader].Status.Current.Learners;
        Assert.Contains(learners, l => l.Sid == ensemble.Nodes[observer].Sid && l.Observer && l.Synced);

        // a write through the observer is forwarded, committed by the voters and seen everywhere
        var viaObserver = await ensemble.ClientForAsync(observer);
        await viaObserver.CreateAsync("/observed", Encoding.UTF8.GetBytes("x"));
        await ensemble.SameTreeOnAsync(Enumerable.Range(0, 4));

        // with the leader alone among the voters, the observer cannot make it a quorum: the leader steps down
        var followers = Enumerable.Range(0, 3).Without(leader).ToList();
        foreach (var follower in followers)
            await ensemble.CrashAsync(follower);
        await Eventually.True(() => ensemble.Nodes[leader].Status.Current.State == ServerState.Looking,
            InProcessEnsemble.DefaultTimeout, () => "the leader kept leading with only an observer");

        // the voters come back: one leader again, the observer follows it and has the write
        foreach (var follower in followers)
            await ensemble.RestartAsync(follower);
        await ensemble.WaitForLeaderAsync();
        var tree = await ensemble.SameTreeOnAsync(Enumerable.Range(0, 4));
        Assert.Contains(tree, z => z.Path == "/observed");
    }
}
