namespace AkkaZk.Bench.Report;

/// <summary>Resident memory after loading znodes, and the restart time with them (written by scripts/bench.sh).</summary>
public sealed record MemoryResult(string Label, int Znodes, int DataSize, long RssKiB, double PopulateSeconds, long RestartMs, long RssAfterRestartKiB);
