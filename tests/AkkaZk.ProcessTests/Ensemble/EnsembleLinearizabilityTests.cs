using AkkaZk.ProcessTests.Infrastructure;
using AkkaZk.ProcessTests.Linearizability;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// Clients run a register workload (read, write, compare-and-set through setData with a version) spread over a
/// 3-server ensemble while its leader is SIGKILLed and restarted, then cut off (SIGSTOP: it stays up but silent, as
/// behind a partition, with its clients' writes in flight) and let back (SIGCONT); the recorded history must be
/// linearizable.
/// Reads go after a sync: ZooKeeper promises linearizable writes, and sync + read observes every write completed
/// before it.
/// </summary>
public sealed class EnsembleLinearizabilityTests(ITestOutputHelper output)
{
    private const int LeaderKills = 3;

    [Fact]
    public async Task A_register_workload_through_leader_kills_leaves_a_linearizable_history()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("linearizability");
        var endpoints = ensemble.Ports.Select(p => $"127.0.0.1:{p.Client}").ToList();
        using var stop = new CancellationTokenSource();
        var run = RegisterWorkload.RunAsync(endpoints, "/register", sessions: 4, TimeSpan.FromMinutes(4), stop.Token,
            new RegisterWorkloadOptions { SyncBeforeRead = true, OpTimeout = TimeSpan.FromSeconds(3), Log = output.WriteLine });

        for (var kill = 0; kill < LeaderKills; kill++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var leader = await ensemble.WaitForLeaderAsync();
            output.WriteLine($"killing the leader, server {leader + 1}");
            await ensemble.KillAsync(leader);
            await ensemble.WaitForLeaderAsync(members: Enumerable.Range(0, ensemble.Count).Where(i => i != leader).ToList());
            await ensemble.RestartAsync(leader);
            await ensemble.WaitForLeaderAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        var isolated = await ensemble.WaitForLeaderAsync();
        output.WriteLine($"cutting off the leader, server {isolated + 1}");
        await SignalAsync(ensemble[isolated].Pid, "STOP");
        await ensemble.WaitForLeaderAsync(members: Enumerable.Range(0, ensemble.Count).Where(i => i != isolated).ToList());
        await Task.Delay(TimeSpan.FromSeconds(1));
        await SignalAsync(ensemble[isolated].Pid, "CONT");
        await ensemble.WaitForLeaderAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        stop.Cancel();
        var history = await run;

        var result = LinearizabilityChecker.Check(history);
        output.WriteLine(history.Describe());
        output.WriteLine(result.Explanation);
        Assert.True(result.IsLinearizable, result.Explanation + "\n" + ensemble.Diagnostics());
        var completedWrites = history.Count(op => op.Kind != OpKind.Read && !op.IsIndeterminate);
        Assert.True(completedWrites > 50, $"only {completedWrites} writes completed: the workload hardly ran\n{history.Describe()}");
        Assert.True(history.Count(op => op.Kind == OpKind.Cas && !op.IsIndeterminate && op.Ok) > 0, history.Describe());
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        var result = await ProcessRunner.RunAsync("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(result.Succeeded, result.Describe());
    }
}
