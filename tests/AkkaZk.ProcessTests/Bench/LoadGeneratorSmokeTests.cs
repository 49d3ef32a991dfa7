using AkkaZk.Bench;
using AkkaZk.Client;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Bench;

/// <summary>
/// The load generator against a real node: a short run of several workloads must complete with every answer
/// verified, and a znode changed behind the generator's back must fail the run. No timing is asserted.
/// </summary>
public sealed class LoadGeneratorSmokeTests(ITestOutputHelper output)
{
    private static BenchOptions Small(IZkServer server, string workload) => new()
    {
        Servers = [new("127.0.0.1", server.ClientPort)],
        Workload = workload,
        Sessions = 2,
        Outstanding = 4,
        Seconds = 1,
        Warmup = 0.2,
        DataSize = 64,
        Znodes = 50,
        ReadPct = 70,
        Label = server.Name,
    };

    [Fact]
    public async Task A_short_run_of_each_main_workload_completes_with_every_answer_verified()
    {
        await using var server = await ServerUnderTest.StartAsync("bench-smoke");
        foreach (var workload in new[] { "create", "set", "get", "exists", "children", "mixed", "watch", "sessions" })
        {
            var log = new StringWriter();
            var result = await BenchRunner.RunAsync(Small(server, workload), log);
            output.WriteLine($"{workload}: {result.OpsPerSec:F0} ops/s, {result.Verified} verified; {string.Join("; ", result.Failures)}");

            Assert.True(result.Passed, $"{workload}: {string.Join("; ", result.Failures)}\n{log}");
            Assert.True(result.Verified > 0, $"{workload} verified no answer");
        }
    }

    [Fact]
    public async Task A_run_given_a_list_of_servers_syncs_every_session_before_reading_and_names_them_all()
    {
        await using var server = await ServerUnderTest.StartAsync("bench-list");
        var address = new ServerAddress("127.0.0.1", server.ClientPort);
        var options = Small(server, "get") with { Servers = [address, address] };

        var result = await BenchRunner.RunAsync(options, TextWriter.Null);

        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.Equal($"{address},{address}", result.Server);
    }

    [Fact]
    public async Task A_znode_changed_behind_the_generators_back_fails_the_get_run()
    {
        await using var server = await ServerUnderTest.StartAsync("bench-tamper");
        var options = Small(server, "get") with { Seconds = 6, Warmup = 0 };
        var run = BenchRunner.RunAsync(options, TextWriter.Null);

        await using var intruder = await ZkClient.ConnectAsync("127.0.0.1", server.ClientPort);
        var tampered = await TamperWithDataNodesAsync(intruder, options.Znodes, run);
        var result = await run;

        Assert.True(tampered, "the run ended before its data nodes could be changed");
        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.StartsWith("wrong answer: getData", StringComparison.Ordinal));
    }

    /// <summary>Waits for the run's data nodes to exist, then overwrites every one of them.</summary>
    private static async Task<bool> TamperWithDataNodesAsync(ZkClient intruder, int znodes, Task run)
    {
        while (!run.IsCompleted)
        {
            var root = (await intruder.GetChildrenAsync("/")).FirstOrDefault(c => c.StartsWith("akkazk-bench-", StringComparison.Ordinal));
            if (root is not null && await intruder.ExistsAsync($"/{root}/data") is { NumChildren: var n } && n == znodes)
            {
                for (var i = 0; i < znodes; i++)
                    await intruder.SetDataAsync($"/{root}/data/n{i}", "not what the generator wrote"u8.ToArray());
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }
}
