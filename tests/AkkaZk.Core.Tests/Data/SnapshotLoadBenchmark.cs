using System.Diagnostics;
using AkkaZk.Data;
using AkkaZk.Data.Snapshots;
using AkkaZk.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Data;

/// <summary>
/// Runs only when AKKAZK_BENCH is set: a measurement, not a test. Decodes a snapshot of 1,000,000 znodes of
/// 100 bytes (flat under one parent, and 1,000 parents × 1,000 children) several times; prints the median,
/// allocations and GC counts per decode.
/// </summary>
public sealed class SnapshotLoadBenchmark(ITestOutputHelper output)
{
    private const int Runs = 5;

    [SnapshotBenchmarkFact]
    public void Decoding_a_million_znodes()
    {
        Measure("flat 1M", Build(1, 1_000_000));
        Measure("deep 1000x1000", Build(1_000, 1_000));
    }

    private static byte[] Build(int parents, int childrenEach)
    {
        var db = new ZkDatabase(new DatabaseOptions());
        var data = new byte[100];
        long zxid = 1;
        for (var p = 0; p < parents; p++)
        {
            var parent = parents == 1 ? "/bench-mem" : $"/bench-mem-{p:D4}";
            db.Tree.CreateNode(parent, [], Acl.OpenAclUnsafe, 0, -1, zxid++, 0);
            for (var c = 0; c < childrenEach; c++)
                db.Tree.CreateNode($"{parent}/n-{c:D7}", data, Acl.OpenAclUnsafe, 0, -1, zxid++, 0);
        }
        return SnapshotCodec.Write(db);
    }

    private void Measure(string name, byte[] blob)
    {
        var times = new List<double>();
        var options = new DatabaseOptions();
        long allocated = 0;
        var gcs = new int[3];
        for (var run = 0; run < Runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var gcBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var watch = Stopwatch.StartNew();
            var db = SnapshotCodec.Read(blob, options);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            for (var g = 0; g < 3; g++)
                gcs[g] = GC.CollectionCount(g) - gcBefore[g];
            GC.KeepAlive(db);
        }
        var inOrder = string.Join(", ", times.Select(t => t.ToString("F0")));
        times.Sort();
        // The first run is the cold one a restart pays (tier-0 code until on-stack replacement kicks in).
        output.WriteLine($"{name}: blob {blob.Length / 1_000_000.0:F1} MB, median {times[Runs / 2]:F0} ms (runs in order {inOrder}), " +
            $"allocated {allocated / 1_000_000.0:F0} MB, GCs gen0/1/2 {gcs[0]}/{gcs[1]}/{gcs[2]} (last run)");
    }
}

/// <summary>Runs only when AKKAZK_BENCH is set (run it with -c Release).</summary>
public sealed class SnapshotBenchmarkFactAttribute : FactAttribute
{
    public SnapshotBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("AKKAZK_BENCH") is null or "")
            Skip = "benchmark: set AKKAZK_BENCH=1 to run";
    }
}
