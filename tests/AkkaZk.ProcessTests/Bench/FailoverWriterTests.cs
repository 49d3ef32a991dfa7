using AkkaZk.Bench;
using AkkaZk.Bench.Failover;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Bench;

/// <summary>
/// The failover writer of scripts/bench-ensemble.sh against one node that is killed and started again: it must move
/// past a server that refuses connections, keep writing through the outage, and time only a write that started
/// after the kill (so never less than the time the node was down).
/// </summary>
public sealed class FailoverWriterTests
{
    [Fact]
    public async Task The_writer_rides_out_a_killed_server_and_times_the_first_write_started_after_the_kill()
    {
        await using var node = await AkkaZkNode.StartAsync("bench-failover");
        var nobody = new ServerAddress("127.0.0.1", FreePort.Next());
        var live = new ServerAddress("127.0.0.1", node.ClientPort);
        var writer = new FailoverWriter([nobody, live], "/bench-failover", TimeSpan.FromSeconds(2));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killedAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = writer.RunAsync(() => ready.TrySetResult(), killedAt.Task, DateTime.UtcNow.AddMinutes(3), "AkkaZk", 1, "server.1");
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await node.KillAsync();
        var kill = FailoverWriter.NowMs();
        killedAt.SetResult(kill);
        await Task.Delay(500);
        var restartedAt = FailoverWriter.NowMs();
        await node.RestartAsync();
        var result = await run.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(kill, result.KilledAtMs);
        Assert.True(result.FirstWriteStartMs >= kill, $"the timed write started at {result.FirstWriteStartMs}, before the kill at {kill}");
        Assert.True(result.FailoverMs >= restartedAt - kill, $"{result.FailoverMs} ms is less than the {restartedAt - kill} ms the node was down");
        Assert.Equal(result.FirstWriteEndMs - kill, result.FailoverMs);
        Assert.Equal(live.ToString(), result.AnsweredBy);
        Assert.True(result.FailedAttempts > 0, "no write failed while the node was down");
        Assert.Contains(result.Errors, e => e.StartsWith(nobody.ToString(), StringComparison.Ordinal));
    }
}
