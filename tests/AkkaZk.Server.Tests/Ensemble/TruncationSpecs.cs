using System.Globalization;
using System.Text;
using AkkaZk.Client;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

/// <summary>
/// Zab's TRUNC: a server that logged a txn no quorum ever acknowledged (here an old leader cut off from its
/// followers) must drop it when it rejoins the ensemble, which went on without it.
/// </summary>
[Collection(EnsembleCollection.Name)]
public sealed class TruncationSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task An_isolated_leader_never_commits_its_write_and_drops_it_when_it_rejoins_as_follower()
    {
        await using var ensemble = InProcessEnsemble.Start(3, output);
        var oldLeader = await ensemble.WaitForLeaderAsync();
        var followers = ensemble.Running.Without(oldLeader).ToList();
        var isolated = await ensemble.ClientForAsync(oldLeader);
        await isolated.CreateAsync("/committed", Encoding.UTF8.GetBytes("before the cut"));
        var committedZxid = (await isolated.ExistsAsync("/committed"))!.Value.Mzxid;

        var mark = ensemble.MarkLogs();
        await ensemble.PartitionAsync([oldLeader], followers);
        var lost = isolated.CreateAsync("/unacknowledged", Encoding.UTF8.GetBytes("no quorum saw this"));

        // no reply ever says it succeeded: the leader loses its quorum, steps down and drops the client
        var failure = await Record.ExceptionAsync(() => lost.WaitAsync(InProcessEnsemble.DefaultTimeout));
        Assert.NotNull(failure);
        Assert.IsNotType<TimeoutException>(failure);
        // ... although the old leader had logged it: it went back to LOOKING holding a zxid past the last commit
        var lookingFrom = await Eventually.UntilValue(() => Task.FromResult(LookingZxid(ensemble.LogSince(oldLeader, mark))),
            InProcessEnsemble.DefaultTimeout, () => $"node {oldLeader} to look for a leader again");
        Assert.True(lookingFrom > committedZxid, $"the old leader looks from 0x{lookingFrom:x}, the last commit was 0x{committedZxid:x}");

        // the majority elects a leader of a new epoch and takes other writes; the old leader stays cut off and LOOKING
        var newLeader = await ensemble.WaitForLeaderAsync(among: followers);
        var newEpoch = ensemble.Nodes[newLeader].Status.Current.Epoch;
        var majority = await ensemble.ClientForAsync(followers.Without(newLeader).Single());
        for (var k = 0; k < 3; k++)
            await majority.CreateAsync($"/majority-{k}", Encoding.UTF8.GetBytes($"m{k}"));
        await ensemble.StaysWithoutLeaderAsync([oldLeader], TimeSpan.FromSeconds(2));

        // healed, the old leader joins the established leader, which keeps its epoch (no new election)
        var healed = ensemble.MarkLogs();
        await ensemble.HealAsync();
        Assert.Equal(newLeader, await ensemble.WaitForLeaderAsync());
        Assert.Equal(newEpoch, ensemble.Nodes[newLeader].Status.Current.Epoch);
        Assert.Contains(ensemble.LogSince(newLeader, healed),
            l => l.StartsWith($"syncing learner {ensemble.Nodes[oldLeader].Sid} by SNAP", StringComparison.Ordinal));

        var tree = await ensemble.SameTreeOnAsync([oldLeader, .. followers]);
        var paths = tree.Select(z => z.Path).ToList();
        Assert.DoesNotContain("/unacknowledged", paths);
        Assert.Contains("/committed", paths);
        Assert.All(Enumerable.Range(0, 3), k => Assert.Contains($"/majority-{k}", paths));
        foreach (var node in Enumerable.Range(0, 3))
            Assert.Null(await (await ensemble.ClientForAsync(node)).ExistsAsync("/unacknowledged"));
    }

    /// <summary>The zxid of the last "LOOKING: last zxid 0x…" line, or null.</summary>
    private static long? LookingZxid(IEnumerable<string> log)
    {
        const string prefix = "LOOKING: last zxid 0x";
        var line = log.LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[prefix.Length..line.IndexOf(',')], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
