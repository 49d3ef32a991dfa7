namespace AkkaZk.Bench.Report;

/// <summary>
/// One memory-phase round of scripts/bench.sh for one server: resident memory after loading the znodes, the restart
/// time with them, and the data on disk. Snapshot figures are the newest snapshot after loading; SnapshotZxid is the
/// zxid it covers and LoadedZxid the first zxid after the last create, so SnapshotZxid >= LoadedZxid means it holds
/// the whole tree. Sizes on disk are allocated bytes (du), before the restart and after it. ServerLoadMs is the
/// time the server's own log reports for loading its database at the restart, StartupSnapshotMs the time of the
/// snapshot ZooKeeper writes at startup before serving (-1: not logged, or not done, as by AkkaZk).
/// </summary>
public sealed record MemoryResult(
    string Label,
    int Znodes,
    int DataSize,
    long RssKiB,
    double PopulateSeconds,
    long RestartMs,
    long RssAfterRestartKiB,
    int Round = 1,
    long SnapshotBytes = -1,
    string SnapshotZxid = "",
    string LoadedZxid = "",
    long DataDirBytes = -1,
    long SnapshotBytesAfterRestart = -1,
    long DataDirBytesAfterRestart = -1,
    long ServerLoadMs = -1,
    long StartupSnapshotMs = -1);
