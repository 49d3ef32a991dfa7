using AkkaZk.Jute;

namespace AkkaZk.Data.Snapshots;

/// <summary>
/// The whole database as one blob: a small header (magic, format version, the zxid the snapshot is at; ZooKeeper
/// keeps that zxid in the file name), then ZooKeeper's own snapshot stream (sessions, ACL cache, nodes).
/// </summary>
public static class SnapshotCodec
{
    private const int Magic = 0x415a534e; // "AZSN"
    private const int Version = 1;

    /// <summary>The whole database at once (a SNAP for a learner, the tools); the node's own snapshots go through <see cref="Finish"/>.</summary>
    public static byte[] Write(ZkDatabase db)
    {
        using var snapshot = new SnapshotWriter(db);
        snapshot.Step(int.MaxValue);
        return Finish(snapshot);
    }

    /// <summary>The blob of a finished <see cref="SnapshotWriter"/>, at the zxid it started at.</summary>
    public static byte[] Finish(SnapshotWriter snapshot)
    {
        return snapshot.ToArray(writer =>
        {
            writer.WriteInt(Magic);
            writer.WriteInt(Version);
            writer.WriteLong(snapshot.Zxid);
        });
    }

    /// <summary>Rebuilds the database; a blob that does not decode throws <see cref="InvalidDataException"/>.</summary>
    public static ZkDatabase Read(ReadOnlySpan<byte> data, DatabaseOptions options)
    {
        try
        {
            var reader = new JuteReader(data, int.MaxValue);
            if (reader.ReadInt() != Magic)
                throw new InvalidDataException("not an AkkaZk snapshot (bad magic)");
            var version = reader.ReadInt();
            if (version != Version)
                throw new InvalidDataException($"snapshot format version {version} is not one this server reads ({Version})");
            var lastZxid = reader.ReadLong();
            var db = new ZkDatabase(options);
            db.LoadSnapshot(ref reader, lastZxid);
            return db;
        }
        catch (JuteException e)
        {
            throw new InvalidDataException($"snapshot is truncated or corrupt: {e.Message}", e);
        }
    }
}
