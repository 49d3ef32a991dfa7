namespace AkkaZk.Bench.Failover;

/// <summary>
/// One leader kill, as the failover writer saw it: the kill time (Unix ms, from the caller), the first write that
/// started at or after it and succeeded, and what went wrong in between.
/// </summary>
public sealed record FailoverResult(
    string Label,
    int Round,
    string Killed,
    long KilledAtMs,
    long FirstWriteStartMs,
    long FirstWriteEndMs,
    long FailoverMs,
    string AnsweredBy,
    long WritesBeforeKill,
    int FailedAttempts,
    bool NewSession,
    IReadOnlyList<string> Errors);
