using System.Diagnostics;
using AkkaZk.Bench.Workloads;
using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.Bench;

/// <summary>
/// One run: connect the sessions, let the workload set up under its own root znode, run every worker in a loop
/// through the warm-up and the measured window, then clean up. Only operations that start and end inside the
/// measured window count; every answer, warm-up included, is verified.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(BenchOptions options, TextWriter log)
    {
        var workload = WorkloadCatalog.Create(options.Workload);
        var startedUtc = DateTime.UtcNow;
        var clients = new List<ZkClient>();
        var failures = new List<string>();
        var samples = new List<long>();
        long verified = 0;
        var workerCount = workload.WorkerCount(options);
        try
        {
            for (var i = 0; i < workload.SessionsNeeded(options); i++)
            {
                var server = options.ServerFor(i);
                clients.Add(await ZkClient.ConnectAsync(server.Host, server.Port, options.SessionTimeoutMs));
            }
            var root = $"/akkazk-bench-{Guid.NewGuid():N}"[..26];
            await clients[0].CreateAsync(root, []);
            var context = new BenchContext(options, clients, root);
            await workload.SetupAsync(context);
            // Other sessions' setup writes may have reached the leader but not yet a follower: ZooKeeper's sync makes
            // each session's server catch up, so a read of any prepared znode from any session finds it.
            if (options.Servers.Count > 1)
                await Task.WhenAll(clients.Select(c => c.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest(root))));
            log.WriteLine($"{options.Label} {options.Workload}: {clients.Count} sessions, {workerCount} workers, " +
                $"{options.Warmup}s warm-up + {options.Seconds}s measured");

            var workers = Enumerable.Range(0, workerCount).Select(i => workload.CreateWorker(context, i)).ToList();
            var measureStart = Stopwatch.GetTimestamp() + (long)(options.Warmup * Stopwatch.Frequency);
            var measureEnd = measureStart + (long)(options.Seconds * Stopwatch.Frequency);
            using var stop = new CancellationTokenSource();
            var loops = workers.Select(w => Task.Run(async () =>
            {
                var mine = new List<long>();
                long checkedHere = 0;
                try
                {
                    while (!stop.IsCancellationRequested && Stopwatch.GetTimestamp() < measureEnd)
                    {
                        var s = await w.StepAsync();
                        checkedHere++;
                        if (s.Start >= measureStart && s.End <= measureEnd)
                            mine.Add(s.End - s.Start);
                    }
                }
                catch (Exception e)
                {
                    lock (failures)
                        failures.Add(Describe(e));
                    stop.Cancel();
                }
                lock (samples)
                {
                    samples.AddRange(mine);
                    verified += checkedHere;
                }
            })).ToList();
            await Task.WhenAll(loops);
            if (workload.Failure is { } late)
                failures.Add(late);
            if (failures.Count == 0)
                await CleanupAsync(workload, context, root, log);
        }
        catch (Exception e)
        {
            failures.Add(Describe(e));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.CloseSessionAsync();
                await client.DisposeAsync();
            }
        }

        var latency = LatencySummary.FromTicks(samples.ToArray());
        return new BenchResult(options.Label, options.Round, options.Workload, string.Join(",", options.Servers),
            options.Sessions, options.Outstanding, workerCount, options.Seconds, options.Warmup, options.DataSize,
            options.Znodes, options.ReadPct, samples.Count, samples.Count / options.Seconds, latency, verified,
            failures.Count == 0, failures.Distinct().Take(20).ToList(), startedUtc);
    }

    private static async Task CleanupAsync(IWorkload workload, BenchContext context, string root, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        await workload.CleanupAsync(context);
        await context.Clients[0].DeleteAsync(root);
        log.WriteLine($"  cleanup took {watch.Elapsed.TotalSeconds:F1}s");
    }

    private static string Describe(Exception e) => e switch
    {
        VerificationException v => "wrong answer: " + v.Message,
        ZkException z => $"error {z.Code}: {z.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
