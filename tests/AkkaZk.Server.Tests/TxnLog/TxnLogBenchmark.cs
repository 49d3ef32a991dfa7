using System.Diagnostics;
using AkkaZk.TxnLog;
using Xunit;
using Xunit.Abstractions;
using static AkkaZk.TxnLog.TxnLogProtocol;

namespace AkkaZk.Tests.TxnLog;

/// <summary>Runs only when AKKAZK_BENCH is set: a measurement, not a test.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("AKKAZK_BENCH") is null or "")
            Skip = "benchmark: set AKKAZK_BENCH=1 to run";
    }
}

/// <summary>
/// Appends/s on SQLite with 1, 4 and 32 closed-loop appenders (each awaits its Appended before the next append),
/// 200-byte txns, both group-commit modes. Method: one ActorSystem per mode, 1 s warm-up, then a fixed duration.
/// </summary>
public sealed class TxnLogBenchmark(ITestOutputHelper output)
{
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("AKKAZK_BENCH_SECONDS") is { } s ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 5);

    [BenchmarkFact]
    public async Task Appends_per_second_on_sqlite()
    {
        foreach (var mode in new[] { GroupCommit.PersistAsync, GroupCommit.Batched, GroupCommit.PersistAsync, GroupCommit.Batched })
        {
            using var dir = new TempDataDir();
            using var run = TxnLogTestRun.Start(dir.Sqlite(groupCommit: mode), output);
            await run.RecoverAsync();
            var sequencer = new TxnLogGroupCommitTests.Sequencer(run.Log);
            await Load(sequencer, 4, TimeSpan.FromSeconds(1));
            foreach (var appenders in new[] { 1, 4, 32 })
            {
                run.Log.Tell(GetStats.Instance, run.Client.Ref);
                var before = await run.Client.ExpectMsgAsync<Stats>();
                var (count, elapsed, p50, p99) = await Load(sequencer, appenders, Measure);
                run.Log.Tell(GetStats.Instance, run.Client.Ref);
                var after = await run.Client.ExpectMsgAsync<Stats>();
                output.WriteLine($"{mode,-12} appenders={appenders,2}: {count / elapsed.TotalSeconds,8:F0} appends/s, p50 {p50:F2} ms, p99 {p99:F2} ms, " +
                    $"{(after.Appends - before.Appends) / (double)Math.Max(1, after.JournalWrites - before.JournalWrites):F1} appends per write");
            }
        }
    }

    private static async Task<(long Count, TimeSpan Elapsed, double P50, double P99)> Load(TxnLogGroupCommitTests.Sequencer sequencer, int appenders, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>[appenders];
        await Task.WhenAll(Enumerable.Range(0, appenders).Select(async a =>
        {
            var mine = latencies[a] = [];
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await sequencer.AppendAsync();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length, clock.Elapsed, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }
}

/// <summary>
/// 200 appends one after another (each awaited), for counting syncs from outside:
/// <c>AKKAZK_BENCH=1 strace -f -y -e trace=fsync,fdatasync -o syncs.txt dotnet test ... --filter ~TxnLogSyncProbe</c>,
/// then count the lines naming txnlog.db-wal.
/// </summary>
public sealed class TxnLogSyncProbe(ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task Two_hundred_sequential_appends()
    {
        using var dir = new TempDataDir();
        using var run = TxnLogTestRun.Start(dir.Sqlite(), output);
        await run.RecoverAsync();
        for (var zxid = 1L; zxid <= 200; zxid++)
        {
            run.Log.Tell(new Append(zxid, new byte[200]), run.Client.Ref);
            await run.Client.ExpectMsgAsync<Appended>(TimeSpan.FromSeconds(20));
        }
        output.WriteLine($"journal: {dir.Sqlite().JournalPath}");
    }
}

/// <summary>Replay rate: 200k journaled 200-byte txns (written in groups of 1,000), recovered in a fresh ActorSystem.</summary>
public sealed class TxnLogRecoveryBenchmark(ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task Replay_rate_on_sqlite()
    {
        const int total = 200_000;
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            await run.RecoverAsync();
            var clock = Stopwatch.StartNew();
            for (var start = 1; start <= total; start += 1000)
            {
                for (var zxid = start; zxid < start + 1000; zxid++)
                    run.Log.Tell(new Append(zxid, new byte[200]), run.Client.Ref);
                for (var i = 0; i < 1000; i++)
                    await run.Client.ExpectMsgAsync<Appended>(TimeSpan.FromSeconds(30));
            }
            output.WriteLine($"wrote {total} txns in {clock.Elapsed.TotalSeconds:F1} s ({total / clock.Elapsed.TotalSeconds:F0}/s with 1,000 outstanding)");
        }
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            var clock = Stopwatch.StartNew();
            var (_, tail, done) = await run.RecoverAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(total, tail.Count);
            output.WriteLine($"recovered {done.ReplayedTxns} txns in {clock.Elapsed.TotalSeconds:F1} s ({done.ReplayedTxns / clock.Elapsed.TotalSeconds:F0}/s)");
        }
    }
}
