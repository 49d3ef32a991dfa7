namespace AkkaZk.TxnLog;

/// <summary>
/// When to hand the garbage of large snapshots back to the operating system. Each snapshot passes through two
/// tree-sized arrays (the encoded tree and the stored record) that die in the large-object heap once it is saved;
/// the GC keeps such freed regions committed for reuse, so a server that goes quiet after a burst of writes would
/// hold several hundred MB it does not use. Once the log has been idle for <see cref="IdleFor"/> after such a
/// snapshot, one compacting collection that decommits what is free is due: like the JVM's periodic collection of
/// an idle G1 heap (JEP 346), it runs when no write waits on it.
/// </summary>
internal sealed class IdleMemoryTrim
{
    /// <summary>Snapshots smaller than this leave too little behind to be worth a full collection.</summary>
    public const int LargeSnapshotBytes = 16 << 20;

    public static readonly TimeSpan IdleFor = TimeSpan.FromSeconds(2);

    private DateTime _lastAppend = DateTime.MinValue;
    private bool _due;

    public void Appended(DateTime now) => _lastAppend = now;

    /// <summary>Notes a saved snapshot; true when a trim is due (the owner then checks for idleness now and then).</summary>
    public bool SnapshotSaved(long bytes)
    {
        if (bytes >= LargeSnapshotBytes)
            _due = true;
        return _due;
    }

    /// <summary>True once per large snapshot, when nothing was appended for <see cref="IdleFor"/> and no snapshot is being saved.</summary>
    public bool TakeDue(DateTime now, bool savingSnapshot)
    {
        if (!_due || savingSnapshot || now - _lastAppend < IdleFor)
            return false;
        _due = false;
        return true;
    }

    /// <summary>A blocking compacting gen2 collection that decommits the free regions; returns the bytes of working set given back.</summary>
    public static long Trim()
    {
        var before = Environment.WorkingSet;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return before - Environment.WorkingSet;
    }
}
