using System.Text;
using AkkaZk.Client;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

[Collection(EnsembleCollection.Name)]
public sealed class PartitionSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task A_minority_cannot_commit_while_the_majority_goes_on_and_healing_leaves_one_history()
    {
        await using var ensemble = InProcessEnsemble.Start(5, output);
        var oldLeader = await ensemble.WaitForLeaderAsync();
        // the minority holds the leader and one follower; the other three are the majority
        var minorityFollower = ensemble.Running.Without(oldLeader).First();
        int[] minority = [oldLeader, minorityFollower];
        var majority = ensemble.Running.Without(minority).ToList();
        var minorityClient = await ensemble.ClientForAsync(minorityFollower);
        await minorityClient.CreateAsync("/before", Encoding.UTF8.GetBytes("all five"));

        await ensemble.PartitionAsync(minority, majority);
        // two of five acknowledge it at most: not a quorum, so no client ever hears it succeeded
        var lost = minorityClient.CreateAsync("/minority-write", Encoding.UTF8.GetBytes("two of five"));
        var failure = await Record.ExceptionAsync(() => lost.WaitAsync(InProcessEnsemble.DefaultTimeout));
        Assert.NotNull(failure);
        Assert.IsNotType<TimeoutException>(failure);

        var newLeader = await ensemble.WaitForLeaderAsync(among: majority);
        var majorityClient = await ensemble.ClientForAsync(majority.Without(newLeader).First());
        for (var k = 0; k < 5; k++)
            await majorityClient.CreateAsync($"/majority-{k}", Encoding.UTF8.GetBytes($"m{k}"));
        await majorityClient.SetDataAsync("/before", Encoding.UTF8.GetBytes("three of five"));
        // the minority elects no leader and serves no client while the partition lasts
        await ensemble.StaysWithoutLeaderAsync(minority, TimeSpan.FromSeconds(2));

        // healed, the minority joins the majority's leader, which keeps its epoch (no new election)
        var newEpoch = ensemble.Nodes[newLeader].Status.Current.Epoch;
        var healed = ensemble.MarkLogs();
        await ensemble.HealAsync();
        Assert.Equal(newLeader, await ensemble.WaitForLeaderAsync());
        Assert.Equal(newEpoch, ensemble.Nodes[newLeader].Status.Current.Epoch);

        var tree = await ensemble.SameTreeOnAsync([.. minority, .. majority]);
        var paths = tree.Select(z => z.Path).ToHashSet();
        Assert.DoesNotContain("/minority-write", paths);
        Assert.All(Enumerable.Range(0, 5), k => Assert.Contains($"/majority-{k}", paths));
        Assert.Equal(Convert.ToHexString(Encoding.UTF8.GetBytes("three of five")), tree.Single(z => z.Path == "/before").Data);
        // both minority servers had logged the write (one as leader, one as follower): both were truncated by a snapshot
        foreach (var node in minority)
        {
            Assert.Contains(ensemble.LogSince(newLeader, healed),
                l => l.StartsWith($"syncing learner {ensemble.Nodes[node].Sid} by SNAP", StringComparison.Ordinal));
        }
    }
}
