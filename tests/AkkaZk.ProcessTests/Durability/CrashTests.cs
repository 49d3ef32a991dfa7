using AkkaZk.Client;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// kill -9 under concurrent writes, restart on the same data dir: every acknowledged write is there, nothing is
/// applied twice, zxids continue (see <see cref="CrashCheck"/> for the exact rules).
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Acknowledged_writes_survive_twenty_kill_9s_under_four_concurrent_writers()
    {
        var node = await AkkaZkNode.StartAsync("crash-loop");
        try
        {
            CrashRun.Outcome? previous = null;
            for (var round = 0; round < 20; round++)
            {
                var outcome = await CrashRun.RunAsync(node, $"/crash-{round}", Load);
                output.WriteLine(outcome.ToString());
                Assert.True(outcome.Violations.Count == 0, Report(outcome, node));
                Assert.True(outcome.Acknowledged > 0, $"no write was acknowledged before the kill\n{node.Diagnostics()}");
                if (previous is not null)
                {
                    // the round before survived one more crash and restart unchanged
                    var changed = await CrashRun.ChangedSinceAsync(node, previous.Root, previous.Recovered);
                    Assert.True(changed.Count == 0, $"{previous.Root} changed across a later crash:\n" + string.Join('\n', changed.Take(30)));
                }
                previous = outcome;
            }
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Acknowledged_writes_survive_a_kill_9_while_snapshots_are_being_taken()
    {
        var settings = new ServerSettings([], new Dictionary<string, string> { ["zookeeper.snapCount"] = "100" });
        var node = await AkkaZkNode.StartAsync("crash-snap", settings);
        try
        {
            var outcome = await CrashRun.RunAsync(node, "/crash-snap", TimeSpan.FromSeconds(2));
            output.WriteLine(outcome.ToString());
            Assert.True(outcome.Violations.Count == 0, Report(outcome, node));
            Assert.True(outcome.Acknowledged > 200, $"only {outcome.Acknowledged} writes before the kill: too few for snapCount=100\n{node.Diagnostics()}");
            Assert.Contains("loaded snapshot at zxid", node.StdOut);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Acknowledged_writes_survive_a_kill_9_while_a_large_tree_is_snapshotted_between_the_writes()
    {
        const int ballast = 30_000;
        var settings = new ServerSettings([], new Dictionary<string, string> { ["zookeeper.snapCount"] = "400" });
        var node = await AkkaZkNode.StartAsync("crash-fuzzy", settings);
        try
        {
            await using (var loader = await ZkOps.ConnectAsync(node))
            {
                await loader.CreateAsync("/ballast", []);
                var data = new byte[100];
                for (var start = 0; start < ballast; start += 500)
                    await Task.WhenAll(Enumerable.Range(start, 500).Select(i => loader.CreateAsync($"/ballast/n{i}", data)));
                await loader.CloseSessionAsync();
            }
            var outcome = await CrashRun.RunAsync(node, "/crash-fuzzy", TimeSpan.FromSeconds(2));
            output.WriteLine(outcome.ToString());
            Assert.True(outcome.Violations.Count == 0, Report(outcome, node));
            // the snapshots taken under load were written in several slices, with writes applied in between
            var fuzzy = System.Text.RegularExpressions.Regex.Matches(node.AllStdOut, @"snapshot at zxid 0x(\w+): .* in (\d+) slices while the tree moved to 0x(\w+)")
                .Where(m => int.Parse(m.Groups[2].Value) > 1 && m.Groups[1].Value != m.Groups[3].Value)
                .ToList();
            Assert.True(fuzzy.Count > 0, $"no snapshot was written while the tree moved\n{node.Diagnostics()}");
            Assert.Contains("loaded snapshot at zxid", node.StdOut);
            await using var checker = await ZkOps.ConnectAsync(node);
            Assert.Equal(ballast, (await checker.ExistsAsync("/ballast"))!.Value.NumChildren);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static string Report(CrashRun.Outcome outcome, AkkaZkNode node) =>
        $"{outcome}\n{string.Join('\n', outcome.Violations.Take(40))}\n{node.Diagnostics()}";
}
