using System.Diagnostics;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>The register workload against a real standalone node: its histories must check out, and say something.</summary>
public sealed class RegisterWorkloadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Four_sessions_on_a_standalone_node_leave_a_linearizable_history_with_every_kind_of_op()
    {
        await using var server = await ServerUnderTest.StartAsync("linearizability");

        var history = await RegisterWorkload.RunAsync([server.ConnectString], "/register", sessions: 4, TimeSpan.FromSeconds(5),
            options: new RegisterWorkloadOptions { Log = output.WriteLine });
        var result = LinearizabilityChecker.Check(history);
        output.WriteLine(history.Describe());
        output.WriteLine(result.Explanation);

        Assert.True(result.IsLinearizable, result.Explanation + "\n" + server.Diagnostics());
        Assert.True(history.Count(op => op.Kind == OpKind.Read && !op.IsIndeterminate) > 0, history.Describe());
        Assert.True(history.Count(op => op.Kind == OpKind.Write && !op.IsIndeterminate) > 0, history.Describe());
        Assert.True(history.Count(op => op.Kind == OpKind.Cas && !op.IsIndeterminate && op.Ok) > 0, history.Describe());
        Assert.True(history.Count(op => op.Kind == OpKind.Cas && !op.IsIndeterminate && !op.Ok) > 0, history.Describe());
        Assert.True(history.Count(op => op.IsIndeterminate) == 0, "a healthy node left ops unanswered: " + history.Describe());
        // the recorded intervals are tight enough that one stale read in them shows
        var stale = SimulatedRegisterHistory.WithStaleRead(history, new Random(1));
        Assert.Equal(CheckOutcome.NotLinearizable, LinearizabilityChecker.Check(stale!).Outcome);
    }

    [Fact]
    public async Task Sessions_ride_out_a_kill_9_and_restart_of_the_node_and_the_history_stays_linearizable()
    {
        var node = await AkkaZkNode.StartAsync("linearizability-kill");
        try
        {
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var run = RegisterWorkload.RunAsync([node.ConnectString], "/register", sessions: 4, TimeSpan.FromMinutes(2), stop.Token,
                new RegisterWorkloadOptions { Log = output.WriteLine, OpTimeout = TimeSpan.FromSeconds(2) });

            await Task.Delay(TimeSpan.FromSeconds(2));
            await node.KillAsync();
            await node.RestartAsync();
            var restarted = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            var history = await run;
            var result = LinearizabilityChecker.Check(history);
            output.WriteLine($"restarted after {restarted.TotalSeconds:F1}s; {history.Describe()}");
            output.WriteLine(result.Explanation);

            Assert.True(result.IsLinearizable, result.Explanation + "\n" + node.Diagnostics());
            Assert.True(history.Count(op => op.IsIndeterminate) > 0, "the kill cut no op short: " + history.Describe());
            // the run's clock started a little after this test's, so this undercounts the ops after the restart
            var afterRestart = history.Count(op => !op.IsIndeterminate && op.Invoke > restarted.Ticks / 10);
            Assert.True(afterRestart > 0, "no op completed after the restart: " + history.Describe());
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
