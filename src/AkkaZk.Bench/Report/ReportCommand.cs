using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AkkaZk.Bench.Report;

/// <summary>
/// Reads the run-*.json, memory-*.json and failover-*.json files of one scripts/bench.sh (or bench-ensemble.sh) run and prints one table: per workload and
/// figure the median over rounds for the baseline and the candidate, and candidate/baseline. Writes it to
/// summary.md and draws throughput.png and p99.png beside the results.
/// </summary>
public static class ReportCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0)
            throw new ArgumentException("report needs the results directory");
        var dir = args[0];
        var a = new NamedArgs(args[1..], "--baseline", "--candidate");
        var baseline = a.Get("--baseline", "ZooKeeper");
        var candidate = a.Get("--candidate", "AkkaZk");
        var runs = Directory.GetFiles(dir, "run-*.json").Order()
            .Select(f => JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(f), Program.Json)!).ToList();
        var memory = Directory.GetFiles(dir, "memory-*.json").Order()
            .Select(f => JsonSerializer.Deserialize<MemoryResult>(File.ReadAllText(f), Program.Json)!).ToList();
        var failovers = Directory.GetFiles(dir, "failover-*.json").Order()
            .Select(f => JsonSerializer.Deserialize<Failover.FailoverResult>(File.ReadAllText(f), Program.Json)!).ToList();
        var table = SummaryTable.Build(runs, memory, baseline, candidate, failovers);
        var markdown = table.ToMarkdown();
        Console.Out.Write(markdown);
        File.WriteAllText(Path.Combine(dir, "summary.md"), markdown);
        Charts.Draw(table, dir);
        var failed = runs.Where(r => !r.Passed).ToList();
        foreach (var r in failed)
            Console.Error.WriteLine($"FAILED run: {r.Label} {r.Workload} round {r.Round}: {string.Join("; ", r.Failures)}");
        return failed.Count == 0 ? 0 : 1;
    }
}

/// <summary>One row: a figure of a workload, the median of each side over its rounds, and their ratio.</summary>
public sealed record SummaryRow(string Workload, string Figure, double Baseline, double Candidate, int BaselineRuns, int CandidateRuns)
{
    public double Ratio => Baseline > 0 ? Candidate / Baseline : double.NaN;
}

public sealed record SummaryTable(string BaselineLabel, string CandidateLabel, IReadOnlyList<SummaryRow> Rows)
{
    public static readonly (string Name, Func<BenchResult, double> Value)[] Figures =
    [
        ("ops/s", r => r.OpsPerSec),
        ("p50 ms", r => r.LatencyMs.P50),
        ("p90 ms", r => r.LatencyMs.P90),
        ("p99 ms", r => r.LatencyMs.P99),
        ("p99.9 ms", r => r.LatencyMs.P999),
        ("max ms", r => r.LatencyMs.Max),
    ];

    public static SummaryTable Build(IReadOnlyList<BenchResult> runs, IReadOnlyList<MemoryResult> memory, string baseline, string candidate,
        IReadOnlyList<Failover.FailoverResult>? failovers = null)
    {
        var rows = new List<SummaryRow>();
        var workloads = Workloads.WorkloadCatalog.Names.Where(w => runs.Any(r => r.Workload == w));
        foreach (var workload in workloads)
        {
            var b = runs.Where(r => r.Workload == workload && r.Label == baseline && r.Passed).ToList();
            var c = runs.Where(r => r.Workload == workload && r.Label == candidate && r.Passed).ToList();
            foreach (var (name, value) in Figures)
                rows.Add(new SummaryRow(workload, name, Median(b.Select(value)), Median(c.Select(value)), b.Count, c.Count));
        }
        var mb = memory.Where(m => m.Label == baseline).ToList();
        var mc = memory.Where(m => m.Label == candidate).ToList();
        if (mb.Count + mc.Count > 0)
        {
            var group = $"{mb.Concat(mc).First().Znodes:N0} znodes";
            // unknown figures (negative: an older results file, or a log line that was missing) are left out
            void Add(string figure, Func<MemoryResult, double> value)
            {
                var b = mb.Select(value).Where(v => v >= 0).ToList();
                var c = mc.Select(value).Where(v => v >= 0).ToList();
                rows.Add(new SummaryRow(group, figure, Median(b), Median(c), b.Count, c.Count));
            }
            Add("RSS MiB", m => m.RssKiB / 1024.0);
            Add("load s", m => m.PopulateSeconds);
            Add("RSS MiB after restart", m => m.RssAfterRestartKiB / 1024.0);
            Add("restart ms", m => m.RestartMs);
            Add("database load ms (server log)", m => m.ServerLoadMs);
            Add("startup snapshot ms (server log)", m => m.StartupSnapshotMs);
            Add("snapshot MiB", m => Mib(m.SnapshotBytes));
            Add("data dir MiB", m => Mib(m.DataDirBytes));
            Add("snapshot MiB after restart", m => Mib(m.SnapshotBytesAfterRestart));
            Add("data dir MiB after restart", m => Mib(m.DataDirBytesAfterRestart));
        }
        var fb = (failovers ?? []).Where(f => f.Label == baseline).Select(f => (double)f.FailoverMs).ToList();
        var fc = (failovers ?? []).Where(f => f.Label == candidate).Select(f => (double)f.FailoverMs).ToList();
        if (fb.Count + fc.Count > 0)
        {
            rows.Add(new SummaryRow("leader failover", "kill → first write ms", Median(fb), Median(fc), fb.Count, fc.Count));
            rows.Add(new SummaryRow("leader failover", "max ms", fb.Count > 0 ? fb.Max() : double.NaN, fc.Count > 0 ? fc.Max() : double.NaN, fb.Count, fc.Count));
        }
        return new SummaryTable(baseline, candidate, rows);
    }

    /// <summary>Bytes in MiB; a negative (unknown) size stays negative so it is left out of the median.</summary>
    private static double Mib(long bytes) => bytes < 0 ? -1 : bytes / 1048576.0;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        s.AppendLine($"| workload | figure | {BaselineLabel} | {CandidateLabel} | {CandidateLabel}/{BaselineLabel} | runs |");
        s.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in Rows)
            s.AppendLine($"| {r.Workload} | {r.Figure} | {Format(r.Baseline)} | {Format(r.Candidate)} | {FormatRatio(r.Ratio)} | {r.BaselineRuns}+{r.CandidateRuns} |");
        return s.ToString();
    }

    private static string Format(double v) => double.IsNaN(v) ? "–"
        : v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string FormatRatio(double v) => double.IsNaN(v) ? "–" : v.ToString("0.00", CultureInfo.InvariantCulture);
}
