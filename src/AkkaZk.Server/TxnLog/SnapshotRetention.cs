namespace AkkaZk.TxnLog;

/// <summary>ZooKeeper's PurgeTxnLog rule as a pure function over the kept snapshots (oldest first).</summary>
internal static class SnapshotRetention
{
    /// <summary>What a purge keeping <paramref name="retainCount"/> snapshots deletes.</summary>
    /// <param name="DeleteSnapshotsUpToSequenceNr">snapshots at or below this sequence number go.</param>
    /// <param name="DeleteJournalUpTo">journal entries at or below this mark go: the oldest kept snapshot covers them.</param>
    public sealed record Plan(int SnapshotsDeleted, long DeleteSnapshotsUpToSequenceNr, SnapshotMark DeleteJournalUpTo, IReadOnlyList<SnapshotMark> Kept);

    public static Plan? PlanPurge(IReadOnlyList<SnapshotMark> snapshots, int retainCount)
    {
        if (retainCount < 1)
            throw new ArgumentOutOfRangeException(nameof(retainCount), retainCount, "at least one snapshot must be kept");
        if (snapshots.Count == 0)
            return null;
        var firstKept = Math.Max(0, snapshots.Count - retainCount);
        var oldestKept = snapshots[firstKept];
        var kept = snapshots.Skip(firstKept).ToArray();
        return new Plan(firstKept, oldestKept.SequenceNr - 1, oldestKept, kept);
    }
}
