using System.Diagnostics;
using AkkaZk.Client;
using AkkaZk.ProcessTests.Infrastructure;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>One kill -9 round: load from several writers, SIGKILL mid-load, restart on the same data, judge the tree.</summary>
public static class CrashRun
{
    public sealed record Outcome(string Root, int Sent, int Acknowledged, long MaxAckedZxid, long RecoveredZxid,
        IReadOnlyList<string> Violations, SortedDictionary<string, ZnodeState> Recovered, TimeSpan Restart, TimeSpan Total)
    {
        public override string ToString() =>
            $"{Root}: {Acknowledged} writes acknowledged of {Sent} sent, highest acknowledged zxid 0x{MaxAckedZxid:x}, " +
            $"recovered up to 0x{RecoveredZxid:x}, {Recovered.Count} znodes, {Violations.Count} violations; " +
            $"restart {Restart.TotalSeconds:F1}s, round {Total.TotalSeconds:F1}s";
    }

    public static async Task<Outcome> RunAsync(AkkaZkNode node, string root, TimeSpan load, int writers = 4)
    {
        var total = Stopwatch.StartNew();
        var workload = new CrashWorkload(root, writers);
        await using (var setup = await ZkOps.ConnectAsync(node))
        {
            await workload.SetUpAsync(setup);
            await setup.CloseSessionAsync();
        }
        var clients = new List<ZkClient>();
        for (var i = 0; i < writers; i++)
            clients.Add(await ZkOps.ConnectAsync(node, sessionTimeoutMs: 4000));
        try
        {
            using var stop = new CancellationTokenSource();
            var running = workload.RunAsync(clients, stop.Token);
            var clock = Stopwatch.StartNew();
            while ((clock.Elapsed < load || workload.Acknowledged == 0) && clock.Elapsed < load * 10 && !running.IsCompleted)
                await Task.Delay(20);
            if (running.IsCompleted)
                throw new InvalidOperationException($"the writers stopped before the kill: {running.Exception}\n{node.Diagnostics()}");
            await node.KillAsync();
            stop.Cancel();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }

        var restart = Stopwatch.StartNew();
        await node.RestartAsync();
        restart.Stop();
        var recoveredZxid = await ServerState.LastZxidAsync(node.ClientPort);
        await using var checker = await ZkOps.ConnectAsync(node);
        var tree = await TreeReader.ReadAsync(checker, root);
        var violations = CrashCheck.Violations(workload, tree, recoveredZxid).ToList();
        var (_, _, next) = await checker.CreateAsync(root + "-after", "");
        if (next <= recoveredZxid || next <= workload.MaxAckedZxid)
            violations.Add($"first zxid after the restart 0x{next:x} does not continue after 0x{recoveredZxid:x}");
        await checker.CloseSessionAsync();
        var sent = workload.Ledgers.Sum(l => l.CreatesSent + l.SequentialsSent + l.SetsSent.Sum());
        return new Outcome(root, sent, workload.Acknowledged, workload.MaxAckedZxid, recoveredZxid, violations, tree, restart.Elapsed, total.Elapsed);
    }

    /// <summary>Reads <paramref name="root"/> again and lists how it differs from an earlier read.</summary>
    public static async Task<IReadOnlyList<string>> ChangedSinceAsync(AkkaZkNode node, string root, SortedDictionary<string, ZnodeState> earlier)
    {
        await using var checker = await ZkOps.ConnectAsync(node);
        var now = await TreeReader.ReadAsync(checker, root);
        await checker.CloseSessionAsync();
        return TreeReader.Differences(earlier, now);
    }
}
