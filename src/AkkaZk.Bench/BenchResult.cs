namespace AkkaZk.Bench;

/// <summary>Every figure of one run, as written to --json.</summary>
public sealed record BenchResult(
    string Label,
    int Round,
    string Workload,
    string Server,
    int Sessions,
    int Outstanding,
    int Workers,
    double Seconds,
    double Warmup,
    int DataSize,
    int Znodes,
    int ReadPct,
    long Ops,
    double OpsPerSec,
    LatencySummary LatencyMs,
    long Verified,
    bool Passed,
    IReadOnlyList<string> Failures,
    DateTime StartedUtc);
