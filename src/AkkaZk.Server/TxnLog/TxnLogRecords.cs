namespace AkkaZk.TxnLog;

/// <summary>One journal event: a jute-encoded txn (opaque here) and its zxid (epoch in the high 32 bits).</summary>
public sealed record TxnLogged(long Zxid, byte[] Txn);

/// <summary>The whole tree (plus sessions) as of <paramref name="LastZxid"/>, opaque here; may be tens of MB.</summary>
public sealed record TreeSnapshot(long LastZxid, byte[] Data);

/// <summary>Where a saved snapshot sits in the journal: the sequence number it covers and its zxid.</summary>
public readonly record struct SnapshotMark(long SequenceNr, long LastZxid);

/// <summary>
/// What is stored in the snapshot store: the tree plus the marks of the older snapshots still kept, so a
/// purge after a restart knows which snapshots exist (Akka.Persistence cannot list them).
/// </summary>
internal sealed record SnapshotRecord(TreeSnapshot Tree, IReadOnlyList<SnapshotMark> Earlier);
