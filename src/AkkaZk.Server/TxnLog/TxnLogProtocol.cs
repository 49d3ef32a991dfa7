using Akka.Actor;

namespace AkkaZk.TxnLog;

/// <summary>
/// The txn log (ZooKeeper's FileTxnSnapLog) as a persistent actor: every txn journaled with its zxid, snapshots
/// of the tree, recovery of snapshot + journal tail at start, purge of what the kept snapshots cover.
/// On start it replays and sends the listener (its parent when none is given) <see cref="RecoveredSnapshot"/>
/// (only when a snapshot exists), <see cref="RecoveryChunk"/>s in zxid order, then <see cref="RecoveryCompleted"/>.
/// Commands sent during recovery wait until it is done. A journal or snapshot-store failure stops the actor
/// after an Error log (ZooKeeper treats these as fatal; the supervisor stops the node).
/// </summary>
public static class TxnLogProtocol
{
    public static Props Props(TxnLogSettings settings, IActorRef? listener = null) =>
        Akka.Actor.Props.Create(() => new TxnLogActor(settings, listener, null));

    /// <summary>As a QuorumPeer child whose recovery output goes to the sibling named <paramref name="sibling"/>.</summary>
    public static Props PropsForSibling(TxnLogSettings settings, string sibling) =>
        Akka.Actor.Props.Create(() => new TxnLogActor(settings, null, sibling));

    /// <summary>
    /// Journal one txn. Replies <see cref="Appended"/> to the sender only once it is durable; appends arriving
    /// while a write is in flight go into the next write together (group commit). Per-sender order and zxid
    /// order are kept; a zxid not above the last appended one is refused with <see cref="AppendRejected"/>.
    /// </summary>
    public sealed record Append(long Zxid, byte[] Txn, object? Context = null);

    /// <param name="LastOfWrite">the last append of its journal write (group): everything up to Zxid is durable now.</param>
    public sealed record Appended(long Zxid, object? Context, bool LastOfWrite = true);

    public sealed record AppendRejected(long Zxid, object? Context, string Reason);

    /// <summary>
    /// Save the tree as of <paramref name="LastZxid"/> (a zxid already appended, or the latest snapshot's); when that
    /// append is still being written, the snapshot is stored once it is durable. Replies <see cref="SnapshotSaved"/>,
    /// or <see cref="SnapshotRejected"/> when the zxid is not in the log.
    /// </summary>
    public sealed record SaveSnapshot(long LastZxid, byte[] Data);

    public sealed record SnapshotSaved(long LastZxid);

    public sealed record SnapshotRejected(long LastZxid, string Reason);

    /// <summary>
    /// Zab's TRUNC: the tree was rebuilt up to <paramref name="LastZxid"/>, discarding txns above it. Saves it as
    /// a snapshot at the current end of the journal so recovery never replays the discarded txns; later appends
    /// continue above <paramref name="LastZxid"/>. Replies <see cref="SnapshotSaved"/>.
    /// </summary>
    public sealed record Truncate(long LastZxid, byte[] Data);

    /// <summary>
    /// DatadirCleanupManager's purge: keep the newest <paramref name="RetainCount"/> snapshots, delete older ones
    /// and the journal entries the oldest kept snapshot covers. Replies <see cref="Purged"/>.
    /// </summary>
    public sealed record Purge(int RetainCount);

    /// <param name="SnapshotsDeleted">how many snapshots were dropped.</param>
    /// <param name="JournalDeletedUpToZxid">journal entries up to this zxid were dropped (0: none).</param>
    public sealed record Purged(int SnapshotsDeleted, long JournalDeletedUpToZxid);

    /// <summary>Sent to the listener first when recovery found a snapshot.</summary>
    public sealed record RecoveredSnapshot(TreeSnapshot Snapshot);

    /// <summary>Journal txns after the snapshot, in zxid order, at most recovery-chunk-size per message.</summary>
    public sealed record RecoveryChunk(IReadOnlyList<TxnLogged> Txns);

    /// <summary>Recovery is done; <paramref name="LastZxid"/> is the last txn (or the snapshot's zxid, or 0).</summary>
    public sealed record RecoveryCompleted(long LastZxid, long SnapshotZxid, long ReplayedTxns);

    public sealed class GetStats
    {
        public static readonly GetStats Instance = new();

        private GetStats()
        {
        }
    }

    /// <param name="JournalWrites">groups written for appends (one transaction each under group-commit = batched; under persist-async every append counts as one).</param>
    public sealed record Stats(long Appends, long JournalWrites, int LargestWrite, long LastZxid, int SnapshotsKept);
}
