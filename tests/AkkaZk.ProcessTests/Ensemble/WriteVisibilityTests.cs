using System.Diagnostics;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// How often a write is not yet visible on another server when the writer's reply arrives: a kazoo session on
/// server W creates a znode and, as soon as the create returns, a kazoo session on server R (no sync) asks exists.
/// ZooKeeper does not promise it (only sync does), but its leader sends COMMIT to the followers before it applies
/// the txn and answers, and a follower applies a COMMIT at once, so a reader elsewhere almost always sees the write.
/// tests/clients/write_visibility.py runs the same rounds on a 3-server AkkaZk ensemble and a 3-server Apache
/// ZooKeeper 3.8 ensemble, pair by pair, alternating; for each kind of pair (leader to follower, follower to follower,
/// follower to leader) AkkaZk may miss the write at most 2 % of the rounds more often than ZooKeeper does.
/// </summary>
public sealed class WriteVisibilityTests(ITestOutputHelper output)
{
    private const int RoundsPerPair = 100;
    private const double AllowedExtraShare = 0.02;

    /// <summary>
    /// Fails without a follower holding a read behind the proposals it has not yet seen committed: the COMMIT leaves
    /// first and is applied at once, but it crosses Akka.Remote (traced: a median 0.4 ms from the leader's commit to
    /// the follower's apply, against 0.3 ms from the leader's apply to a client's read on the follower).
    /// </summary>
    [Fact]
    public async Task A_write_is_visible_on_another_server_when_its_reply_arrives_as_often_as_on_Apache_ZooKeeper()
    {
        await TestDependencies.EnsureAsync();
        var clock = Stopwatch.StartNew();
        var starting = ReferenceZooKeeperEnsemble.StartAsync("visibility");
        await using var akkazk = await AkkaZkEnsemble.StartAsync("visibility");
        await using var zookeeper = await starting;
        var leaders = new Dictionary<string, int>
        {
            ["AkkaZk"] = await akkazk.WaitForLeaderAsync(),
            ["ZooKeeper"] = await zookeeper.WaitForLeaderAsync(),
        };
        output.WriteLine($"both ensembles up after {clock.Elapsed.TotalSeconds:F1} s; leaders: AkkaZk server {leaders["AkkaZk"] + 1}, " +
            $"ZooKeeper server {leaders["ZooKeeper"] + 1}");

        var result = await ClientScripts.RunAsync("write_visibility.py",
            [$"{RoundsPerPair}", $"AkkaZk={akkazk.ConnectString}", $"ZooKeeper={zookeeper.ConnectString}"], TimeSpan.FromMinutes(2));
        output.WriteLine($"measured after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(result.Succeeded, result.Describe() + "\n" + akkazk.Diagnostics() + "\n" + zookeeper.Diagnostics());

        var rows = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(f => (System: f[0], Writer: int.Parse(f[1]) - 1, Reader: int.Parse(f[2]) - 1, Missed: int.Parse(f[3]), Rounds: int.Parse(f[4])))
            .Select(r => (r.System, Kind: KindOf(r.Writer, r.Reader, leaders[r.System]), r.Writer, r.Reader, r.Missed, r.Rounds))
            .ToList();
        Assert.Equal(12, rows.Count);
        var report = new List<string>();
        var failures = new List<string>();
        foreach (var kind in new[] { PairKind.LeaderToFollower, PairKind.FollowerToFollower, PairKind.FollowerToLeader })
        {
            var akkazkRows = rows.Where(r => r.System == "AkkaZk" && r.Kind == kind).ToList();
            var zookeeperRows = rows.Where(r => r.System == "ZooKeeper" && r.Kind == kind).ToList();
            var (akkazkMissed, rounds) = (akkazkRows.Sum(r => r.Missed), akkazkRows.Sum(r => r.Rounds));
            var zookeeperMissed = zookeeperRows.Sum(r => r.Missed);
            var line = $"{kind}: AkkaZk missed {akkazkMissed} / {rounds}, ZooKeeper {zookeeperMissed} / {zookeeperRows.Sum(r => r.Rounds)}";
            report.Add(line);
            if (akkazkMissed > zookeeperMissed + AllowedExtraShare * rounds)
                failures.Add(line);
        }
        report.AddRange(rows.Select(r => $"  {r.System} server {r.Writer + 1} -> server {r.Reader + 1} ({r.Kind}): missed {r.Missed} / {r.Rounds}"));
        output.WriteLine(string.Join('\n', report));
        Assert.True(failures.Count == 0, "a write is visible elsewhere less often than on Apache ZooKeeper:\n" + string.Join('\n', report));
    }

    private enum PairKind
    {
        LeaderToFollower,
        FollowerToFollower,
        FollowerToLeader,
    }

    private static PairKind KindOf(int writer, int reader, int leader) =>
        writer == leader ? PairKind.LeaderToFollower : reader == leader ? PairKind.FollowerToLeader : PairKind.FollowerToFollower;
}
