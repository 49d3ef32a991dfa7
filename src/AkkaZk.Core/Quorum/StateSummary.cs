namespace AkkaZk.Quorum;

/// <summary>
/// ZooKeeper's StateSummary: a server's currentEpoch and last zxid, as reported in ACKEPOCH. A learner that had
/// already accepted the proposed epoch reports currentEpoch -1 (it cannot ack the same epoch twice).
/// </summary>
public sealed record StateSummary(long CurrentEpoch, long LastZxid)
{
    public bool IsMoreRecentThan(StateSummary other) =>
        CurrentEpoch > other.CurrentEpoch || (CurrentEpoch == other.CurrentEpoch && LastZxid > other.LastZxid);
}
