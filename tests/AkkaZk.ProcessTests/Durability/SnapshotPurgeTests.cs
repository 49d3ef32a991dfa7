using System.Text.RegularExpressions;
using AkkaZk.Client;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// Several snapshots (snapCount=50 in zoo.cfg), then the operator's offline tools on the stopped node's data dir:
/// txnlog dump, snapshot dump, purge -n 3; the restart recovers latest snapshot + journal tail to the same tree.
/// </summary>
public sealed partial class SnapshotPurgeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Purge_keeps_three_snapshots_and_the_restart_recovers_the_same_tree_from_snapshot_and_journal_tail()
    {
        var node = await AkkaZkNode.StartAsync("purge", new ServerSettings(["snapCount=50"], new Dictionary<string, string>()));
        try
        {
            long tailZxid;
            await using (var writer = await ZkOps.ConnectAsync(node))
            {
                await writer.CreateAsync("/purge", "");
                for (var batch = 0; batch < 12; batch++)
                {
                    // A snapshot still being saved makes the node skip the next one (as ZooKeeper's "too busy to
                    // snap"); waiting for it keeps the count of snapshots independent of how fast writes are.
                    await WaitForSnapshotsSavedAsync(node);
                    await Task.WhenAll(Enumerable.Range(batch * 50, 50).Select(i => writer.CreateAsync($"/purge/n-{i}", $"value {i}")));
                }
                for (var i = 0; i < 5; i++)
                    await writer.SetAsync("/purge/n-0", $"set {i}");
                (_, _, tailZxid) = await writer.CreateAsync("/purge/tail", "last");
                await writer.CloseSessionAsync();
            }
            var saved = SnapshotSaved().Matches(node.StdOut).Count;
            output.WriteLine($"{saved} snapshots saved while writing");
            Assert.True(saved >= 5, $"only {saved} snapshots for ~660 txns at snapCount=50\n{node.Diagnostics()}");

            var before = await ReadAllAsync(node);
            var zxidBefore = await ServerState.LastZxidAsync(node.ClientPort);
            Assert.Equal(0, await node.StopAsync(TimeSpan.FromSeconds(10)));

            var txnlog = await AkkaZkTool.RunAsync(["txnlog", "dump", node.DataDir]);
            Assert.True(txnlog.Succeeded, txnlog.Describe());
            Assert.Contains($"zxid 0x{tailZxid:x} create2 '/purge/tail,", txnlog.StdOut);
            Assert.Contains("EOF reached after", txnlog.StdOut);

            var snapshot = await AkkaZkTool.RunAsync(["snapshot", "dump", node.DataDir]);
            Assert.True(snapshot.Succeeded, snapshot.Describe());
            Assert.Matches(@"ZNode Details \(count=\d+\) at zxid 0x[0-9a-f]+", snapshot.StdOut);
            Assert.Contains("\n/purge/n-0\n", snapshot.StdOut);
            Assert.Contains("\n/purge/n-100\n", snapshot.StdOut);

            var snapshotsBefore = await SqliteRows.RowsAsync(Path.Combine(node.DataDir, "snapshots.db"), "snapshot");
            var eventsBefore = await SqliteRows.RowsAsync(Path.Combine(node.DataDir, "txnlog.db"), "journal");
            var purge = await AkkaZkTool.RunAsync(["purge", node.DataDir, "-n", "3"]);
            Assert.True(purge.Succeeded, purge.Describe());
            var removed = Regex.Match(purge.StdOut, @"removed (\d+) snapshots");
            Assert.True(removed.Success, purge.Describe());
            var snapshotsAfter = await SqliteRows.RowsAsync(Path.Combine(node.DataDir, "snapshots.db"), "snapshot");
            var eventsAfter = await SqliteRows.RowsAsync(Path.Combine(node.DataDir, "txnlog.db"), "journal");
            output.WriteLine($"purge: snapshots {snapshotsBefore} -> {snapshotsAfter}, journal rows {eventsBefore} -> {eventsAfter}; {purge.StdOut.Trim()}");
            Assert.Equal(3, snapshotsAfter);
            Assert.Equal(snapshotsBefore - 3, int.Parse(removed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(eventsAfter < eventsBefore, $"purge kept all {eventsBefore} journal rows");

            await node.RestartAsync();
            Assert.Equal(zxidBefore, await ServerState.LastZxidAsync(node.ClientPort));
            var recovered = Recovered().Match(node.StdOut);
            Assert.True(recovered.Success, node.Diagnostics());
            output.WriteLine(recovered.Value);
            Assert.NotEqual("0", recovered.Groups["snapshot"].Value);
            var after = await ReadAllAsync(node);
            var differences = TreeReader.Differences(before, after);
            Assert.True(differences.Count == 0, string.Join('\n', differences.Take(30)) + "\n" + node.Diagnostics());
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static async Task<SortedDictionary<string, ZnodeState>> ReadAllAsync(AkkaZkNode node)
    {
        await using var reader = await ZkOps.ConnectAsync(node);
        var tree = await TreeReader.ReadAsync(reader);
        await reader.CloseSessionAsync();
        return tree;
    }

    /// <summary>Waits until every snapshot the data tree started has been saved (or dropped, or refused).</summary>
    private static async Task WaitForSnapshotsSavedAsync(AkkaZkNode node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var output = node.StdOut;
            var finished = SnapshotFinished().Matches(output).Select(m => m.Groups["zxid"].Value).ToHashSet();
            if (SnapshotStarted().Matches(output).All(m => finished.Contains(m.Groups["zxid"].Value)))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"a snapshot was not saved within 30 s\n{node.Diagnostics()}");
            await Task.Delay(20);
        }
    }

    // the data tree's own lines ("] snapshot at ..."), not "loaded snapshot at" or the txn log's "...: snapshot at"
    [GeneratedRegex(@"\] snapshot at zxid 0x(?<zxid>[0-9a-f]+):")]
    private static partial Regex SnapshotStarted();

    [GeneratedRegex(@"snapshot at zxid 0x(?<zxid>[0-9a-f]+) (saved|dropped|not saved)")]
    private static partial Regex SnapshotFinished();

    [GeneratedRegex(@"snapshot at zxid 0x[0-9a-f]+ saved")]
    private static partial Regex SnapshotSaved();

    [GeneratedRegex(@"recovered snapshot zxid 0x(?<snapshot>[0-9a-f]+) \+ (?<txns>\d+) txns, last zxid 0x(?<last>[0-9a-f]+)")]
    private static partial Regex Recovered();
}
