using System.Diagnostics;
using AkkaZk.ProcessTests.Durability;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// The leader of a 3-server ensemble is SIGKILLed and restarted round after round while four clients write
/// continuously and fail over between the servers with their sessions. Afterwards every acknowledged write is on
/// every server (<see cref="FailoverCheck"/>) and all servers hold the same tree, Stats included.
/// </summary>
public sealed class LeaderFailoverTests(ITestOutputHelper output)
{
    private const int Rounds = 5;
    private const int Writers = 4;
    private const int SessionTimeoutMs = 10000;
    private const string Root = "/failover";
    private static readonly TimeSpan ProgressTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Acknowledged_writes_survive_five_leader_kill_9s_and_every_server_ends_with_the_same_tree()
    {
        var total = Stopwatch.StartNew();
        await using var ensemble = await AkkaZkEnsemble.StartAsync("failover");
        var ports = ensemble.Ports.Select(p => p.Client).ToList();
        var writers = Enumerable.Range(0, Writers).Select(i => new FailoverWriter(i, Root, ports, SessionTimeoutMs)).ToList();
        await using (var setup = await EnsembleReads.ConnectDirectAsync(ports[0]))
        {
            await setup.CreateAsync(Root, "");
            foreach (var writer in writers)
                await writer.SetUpAsync(setup);
            await setup.CloseSessionAsync();
        }
        output.WriteLine($"ensemble up and set up after {total.Elapsed.TotalSeconds:F1}s");

        var epochs = new List<long>();
        using (var stop = new CancellationTokenSource())
        {
            var running = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToList();
            try
            {
                for (var round = 0; round < Rounds; round++)
                {
                    var leader = await ensemble.WaitForLeaderAsync();
                    epochs.Add(await EnsembleReads.EpochAsync(ports[leader]));
                    await WaitForProgressAsync(writers, running, 100, ensemble);
                    var clock = Stopwatch.StartNew();
                    await ensemble.KillAsync(leader);
                    var survivors = Enumerable.Range(0, ensemble.Count).Where(i => i != leader).ToList();
                    var next = await ensemble.WaitForLeaderAsync(members: survivors);
                    var elected = clock.Elapsed;
                    await WaitForProgressAsync(writers, running, 20, ensemble);
                    var resumed = clock.Elapsed;
                    await ensemble.RestartAsync(leader);
                    await ensemble.WaitForLeaderAsync();
                    output.WriteLine($"round {round}: killed leader {leader + 1} (epoch {epochs[^1]}); server {next + 1} leads after " +
                        $"{elected.TotalSeconds:F1}s, writes acknowledged again after {resumed.TotalSeconds:F1}s, " +
                        $"server {leader + 1} back as follower after {clock.Elapsed.TotalSeconds:F1}s; {Acknowledged(writers)} writes acknowledged so far");
                }
                epochs.Add(await EnsembleReads.EpochAsync(ports[await ensemble.WaitForLeaderAsync()]));
                await WaitForProgressAsync(writers, running, 50, ensemble);
            }
            finally
            {
                stop.Cancel();
                await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(90));
            }
        }
        output.WriteLine($"writers: {string.Join("; ", writers.Select(w => $"w{w.Ledger.Writer} {w.Ledger.Acknowledged} acknowledged of " +
            $"{w.Ledger.CreatesSent + w.Ledger.SetsSent.Sum()} sent, {w.Reconnects} reconnects, {w.Expirations} expirations"))}");
        output.WriteLine($"epochs: {string.Join(" → ", epochs)}");

        Assert.All(writers, w => Assert.True(w.Expirations == 0,
            $"writer {w.Ledger.Writer}'s session expired while it moved between servers\n{ensemble.Diagnostics()}"));
        for (var i = 1; i < epochs.Count; i++)
            Assert.True(epochs[i] > epochs[i - 1], $"epoch did not grow after leader kill {i}: {string.Join(", ", epochs)}");

        var trees = new List<SortedDictionary<string, ZnodeState>>();
        for (var i = 0; i < ensemble.Count; i++)
        {
            var tree = await EnsembleReads.ReadTreeAsync(ports[i]);
            trees.Add(tree);
            var violations = FailoverCheck.Violations(writers, tree);
            Assert.True(violations.Count == 0, $"server {i + 1}:\n{string.Join('\n', violations.Take(40))}\n{ensemble.Diagnostics()}");
        }
        output.WriteLine($"{trees[0].Count} znodes on each server");
        for (var i = 1; i < ensemble.Count; i++)
        {
            var differences = TreeReader.Differences(trees[0], trees[i]);
            Assert.True(differences.Count == 0, $"server 1 and server {i + 1} differ:\n{string.Join('\n', differences.Take(30))}");
        }
        await AssertSameFiguresAsync(ensemble, trees[0].Count);
        output.WriteLine($"test took {total.Elapsed.TotalSeconds:F1}s");
    }

    private static int Acknowledged(IEnumerable<FailoverWriter> writers) => writers.Sum(w => w.Ledger.Acknowledged);

    /// <summary>Waits until <paramref name="count"/> more writes are acknowledged; fails if a writer gave up.</summary>
    private static async Task WaitForProgressAsync(IReadOnlyList<FailoverWriter> writers, IReadOnlyList<Task> running, int count, AkkaZkEnsemble ensemble)
    {
        var target = Acknowledged(writers) + count;
        var clock = Stopwatch.StartNew();
        while (Acknowledged(writers) < target)
        {
            if (running.FirstOrDefault(t => t.IsCompleted) is { } ended)
                throw new InvalidOperationException($"a writer stopped: {ended.Exception}\n{ensemble.Diagnostics()}");
            if (clock.Elapsed > ProgressTimeout)
                throw new TimeoutException($"fewer than {count} writes acknowledged within {ProgressTimeout.TotalSeconds}s\n{ensemble.Diagnostics()}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// mntr's figures and srvr's last zxid agree on every server, once the readers' own closeSession txns have
    /// reached them all. zk_znode_count is the tree read plus one: ZooKeeper's DataTree holds the root twice (under
    /// "" and "/"), so a fresh Apache ZooKeeper says 5 for its 4 znodes.
    /// </summary>
    private async Task AssertSameFiguresAsync(AkkaZkEnsemble ensemble, int treeSize)
    {
        var znodes = treeSize + 1;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var figures = new List<string>();
            for (var i = 0; i < ensemble.Count; i++)
            {
                var mntr = await EnsembleReads.MntrAsync(ensemble.Ports[i].Client);
                var zxid = await ServerState.LastZxidAsync(ensemble.Ports[i].Client);
                figures.Add($"znodes={mntr["zk_znode_count"]} ephemerals={mntr["zk_ephemerals_count"]} " +
                    $"sessions={mntr["zk_global_sessions"]} data={mntr["zk_approximate_data_size"]} zxid=0x{zxid:x}");
            }
            var expected = $"znodes={znodes} ephemerals=0 sessions=0";
            if (figures.All(f => f == figures[0]) && figures[0].StartsWith(expected, StringComparison.Ordinal))
            {
                output.WriteLine($"every server: {figures[0]}");
                return;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15),
                $"servers disagree (expected {expected} on each):\n{string.Join('\n', figures.Select((f, i) => $"server {i + 1}: {f}"))}");
            await Task.Delay(200);
        }
    }
}
