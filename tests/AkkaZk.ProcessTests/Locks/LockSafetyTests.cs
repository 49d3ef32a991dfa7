using System.Diagnostics;
using System.Globalization;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Locks;

/// <summary>
/// Lock safety under faults, AkkaZk beside Apache ZooKeeper 3.8: kazoo Lock and Curator InterProcessMutex sessions
/// spread over a 3-server ensemble take two locks each, over and over, while the leader and then a follower are
/// SIGKILLed and restarted and another follower is paused (<see cref="LockFaultSchedule"/>); the histories are
/// judged by <see cref="LockSafetyChecker"/>. ZooKeeper runs the same schedule first: a violation there would mean
/// the property asks for more than ZooKeeper guarantees.
/// </summary>
public sealed class LockSafetyTests(ITestOutputHelper output)
{
    private const string Root = "/lockstress";

    [Fact]
    public async Task Kazoo_and_Curator_locks_stay_exclusive_through_leader_and_follower_kills_and_a_paused_follower_on_both_systems()
    {
        await TestDependencies.EnsureAsync();
        var total = Stopwatch.StartNew();
        var zooKeeper = await RunAsync(() => FaultableEnsemble.StartZooKeeperAsync("locks"));
        var akkaZk = await RunAsync(() => FaultableEnsemble.StartAkkaZkAsync("locks"));
        output.WriteLine($"both systems took {total.Elapsed.TotalSeconds:F1}s");

        foreach (var run in new[] { zooKeeper, akkaZk })
        {
            Assert.True(run.Violations.Count == 0,
                $"{run.System}: {run.Violations.Count} lock-safety violations" +
                (run.System == "AkkaZk" ? "" : " (on the reference: the checked property is wrong)") + ":\n" +
                string.Join('\n', run.Violations.Take(40)));
            Assert.True(run.History.Errors.Count == 0, $"{run.System}: client errors:\n{string.Join('\n', run.History.Errors)}");
            // the sessions outlive every fault (the premise of the in-process check): none expired
            Assert.DoesNotContain(run.History.StateChanges, s => s.EndsWith(" LOST", StringComparison.Ordinal));
            foreach (var lib in new[] { "kazoo", "curator" })
            {
                var written = run.History.Acquisitions.Count(a => a.Lib == lib && a.Written);
                // the schedule waited for 4 x ProgressBetweenFaults acquisitions of each library; a few may have stopped short
                Assert.True(written >= 3 * LockFaultSchedule.ProgressBetweenFaults,
                    $"{run.System}: only {written} {lib} critical sections completed");
            }
        }
    }

    [Fact]
    public async Task A_lock_released_before_its_critical_section_ends_is_caught_by_every_signal()
    {
        await TestDependencies.EnsureAsync();
        await using var zk = await ReferenceZooKeeper.StartAsync("locks-broken");
        await using var clients = await LockStressClients.StartAsync(zk.ConnectString, Root, broken: "early-release");
        var clock = Stopwatch.StartNew();
        while (clients.Progress() is var (kazoo, curator) && (kazoo < 100 || curator < 100) && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(250);
        var history = await clients.StopAsync();

        var violations = LockSafetyChecker.Violations(history);
        output.WriteLine($"{LockSafetyChecker.Summary(history)}; {violations.Count} violations, e.g.:\n" +
                         string.Join('\n', violations.Take(8)));
        foreach (var lib in new[] { "kazoo", "curator" })
        {
            Assert.Contains(violations, v => v.StartsWith($"{lib} in-process", StringComparison.Ordinal));
            Assert.Contains(history.Acquisitions, a => a.Lib == lib && a.Outcome == "bad-version");
        }
        Assert.Contains(violations, v => v.Contains("the two tenures overlap", StringComparison.Ordinal));
    }

    private async Task<RunResult> RunAsync(Func<Task<FaultableEnsemble>> start)
    {
        var clock = Stopwatch.StartNew();
        await using var ensemble = await start();
        var started = clock.Elapsed;
        await using var clients = await LockStressClients.StartAsync(ensemble.ConnectString, Root);
        var faults = await LockFaultSchedule.RunAsync(ensemble, clients);
        var history = await clients.StopAsync();
        var violations = LockSafetyChecker.Violations(history);
        output.WriteLine($"=== {ensemble.Name}: ensemble up after {started.TotalSeconds:F1}s, run took {clock.Elapsed.TotalSeconds:F1}s");
        foreach (var fault in faults.Lines)
            output.WriteLine("  " + fault);
        output.WriteLine("  connection states since the start: " + StatesSince(history, faults.StartUnixMs));
        output.WriteLine($"  {LockSafetyChecker.Summary(history)}");
        output.WriteLine($"  {history.StateChanges.Count(s => s.EndsWith(" SUSPENDED", StringComparison.Ordinal))} SUSPENDED, " +
                         $"{history.StateChanges.Count(s => s.EndsWith(" LOST", StringComparison.Ordinal))} LOST; " +
                         $"{violations.Count} violations");
        foreach (var v in violations.Take(20))
            output.WriteLine("  " + v);
        foreach (var a in history.Acquisitions.Where(a => a.Reason is not null))
            output.WriteLine($"  {a.Id} on {a.Lock}: {a.Outcome} after {a.Reason}");
        return new RunResult(ensemble.Name, history, violations);
    }

    /// <summary>"k0 SUSPENDED 12.3s, ..." for every state change after <paramref name="startUnixMs"/>.</summary>
    private static string StatesSince(LockHistory history, long startUnixMs) =>
        string.Join(", ", history.StateChanges.Select(s => s.Split(' '))
            .Select(s => (At: (long.Parse(s[0], CultureInfo.InvariantCulture) - startUnixMs) / 1000.0, Client: s[1], State: s[2]))
            .Where(s => s.At >= 0).OrderBy(s => s.At).Select(s => $"{s.Client} {s.State} {s.At:F1}s"));

    private sealed record RunResult(string System, LockHistory History, IReadOnlyList<string> Violations);
}
