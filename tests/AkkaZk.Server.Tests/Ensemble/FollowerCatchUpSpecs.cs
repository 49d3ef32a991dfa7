using System.Globalization;
using System.Text;
using AkkaZk.Client;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

/// <summary>
/// A follower that was down while the others went on is brought up to date by its leader: DIFF (the txns it missed)
/// while they are among the leader's last commitLogCount committed txns, a snapshot (SNAP) when it is further behind.
/// Writes keep coming (through the third server) while it restarts and syncs, so proposals made during its sync
/// are forwarded to it after the DIFF or SNAP.
/// </summary>
[Collection(EnsembleCollection.Name)]
public sealed class FollowerCatchUpSpecs(ITestOutputHelper output)
{
    private const int CommitLogCount = 200;

    [Fact]
    public Task A_restarted_follower_that_missed_a_few_txns_catches_up_by_DIFF() => CatchUp(missed: 4, expectedMode: "DIFF");

    [Fact]
    public Task A_restarted_follower_that_missed_more_than_commitLogCount_txns_catches_up_by_SNAP() =>
        CatchUp(missed: CommitLogCount + 50, expectedMode: "SNAP");

    private async Task CatchUp(int missed, string expectedMode)
    {
        await using var ensemble = InProcessEnsemble.Start(3, output, new EnsembleOptions(CommitLogCount: CommitLogCount));
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = ensemble.Running.Without(leader).First();
        var writer = await ensemble.ClientForAsync(leader);
        for (var k = 0; k < 3; k++)
            await writer.CreateAsync($"/seen-{k}", Encoding.UTF8.GetBytes($"s{k}"));
        await ensemble.SameTreeOnAsync([leader, follower]);

        await ensemble.CrashAsync(follower);
        // writes go on with the remaining quorum of two (pipelined on one session)
        await Task.WhenAll(Enumerable.Range(0, missed).Select(k => k % 2 == 0
            ? (Task)writer.CreateAsync($"/missed-{k}", Encoding.UTF8.GetBytes($"m{k}"))
            : writer.SetDataAsync("/seen-0", Encoding.UTF8.GetBytes($"changed {k}"))));
        await writer.DeleteAsync("/seen-2");

        var third = ensemble.Running.Without(leader).Single();
        var busy = await ensemble.ClientForAsync(third);
        using var stop = new CancellationTokenSource();
        var during = Task.Run(async () =>
        {
            // paced so that a DIFF stays within commitLogCount however long the restart takes here
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                await busy.CreateAsync($"/during-{count}", Encoding.UTF8.GetBytes($"d{count}"));
                count++;
                await Task.Delay(20);
            }
            return count;
        });

        var mark = ensemble.MarkLogs();
        await ensemble.StartAsync(follower);
        Assert.Equal(leader, await ensemble.WaitForLeaderAsync());
        var writtenBeforeSynced = ensemble.Nodes[leader].Status.Current.LastCommitted;
        await Eventually.True(() => ensemble.Nodes[leader].Status.Current.LastCommitted > writtenBeforeSynced + 3,
            InProcessEnsemble.DefaultTimeout, () => "writes to go on after the follower synced");
        await stop.CancelAsync();
        var duringCount = await during;

        var sid = ensemble.Nodes[follower].Sid;
        var leaderLog = ensemble.LogSince(leader, mark);
        Assert.Contains(leaderLog, l => l.StartsWith($"syncing learner {sid} by {expectedMode}", StringComparison.Ordinal));
        Assert.Single(leaderLog, l => l.StartsWith($"syncing learner {sid} by", StringComparison.Ordinal));
        var installed = ensemble.LogSince(follower, mark).Any(l => l.StartsWith("installed the leader's snapshot", StringComparison.Ordinal));
        Assert.Equal(expectedMode == "SNAP", installed);
        if (expectedMode == "DIFF")
        {
            // "syncing learner 2 by DIFF: 5 txns from ..." carries at least every write made while it was down
            var diff = leaderLog.Single(l => l.StartsWith($"syncing learner {sid} by DIFF: ", StringComparison.Ordinal));
            var txns = int.Parse(diff.Split(' ')[5], CultureInfo.InvariantCulture);
            Assert.True(txns >= missed + 1, $"the DIFF carried {txns} txns, {missed + 1} writes were missed: {diff}");
        }

        var tree = await ensemble.SameTreeOnAsync([follower, leader, third]);
        var paths = tree.Select(z => z.Path).ToHashSet();
        Assert.All(Enumerable.Range(0, duringCount), k => Assert.Contains($"/during-{k}", paths));
        Assert.All(Enumerable.Range(0, missed).Where(k => k % 2 == 0), k => Assert.Contains($"/missed-{k}", paths));
        Assert.DoesNotContain("/seen-2", paths);
        var seen0 = tree.Single(z => z.Path == "/seen-0");
        Assert.Equal(missed / 2, seen0.Stat.Version);
    }
}
