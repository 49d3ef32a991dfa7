using System.Buffers;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Data.Snapshots;

/// <summary>
/// The whole database as one jute-encoded blob, laid out like ZooKeeper's FileSnap: header, sessions, the ACL cache,
/// then every node parents-first (path, data, ACL reference, StatPersisted), closed by the path "/".
/// </summary>
public static class SnapshotCodec
{
    private const int Magic = 0x415a534e; // "AZSN"
    private const int Version = 1;

    public static byte[] Write(ZkDatabase db)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var w = new JuteWriter(buffer);
        w.WriteInt(Magic);
        w.WriteInt(Version);
        w.WriteLong(db.LastProcessedZxid);
        w.WriteInt(db.Sessions.Count);
        foreach (var (id, timeout) in db.Sessions)
        {
            w.WriteLong(id);
            w.WriteInt(timeout);
        }
        var tree = db.Tree;
        var acls = tree.Acls.Entries.ToList();
        w.WriteInt(acls.Count);
        foreach (var (id, list) in acls)
        {
            w.WriteLong(id);
            DataCodec.WriteAcls(w, list);
        }
        foreach (var (path, node) in tree.NodesParentsFirst())
        {
            w.WriteString(path == DataTree.RootPath ? "" : path);
            w.WriteBuffer(node.Data);
            w.WriteLong(node.AclRef);
            WriteStat(w, node.Stat);
        }
        w.WriteString(DataTree.RootPath);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Rebuilds the database; a blob that does not decode throws <see cref="InvalidDataException"/>.</summary>
    public static ZkDatabase Read(ReadOnlySpan<byte> data, DatabaseOptions options)
    {
        try
        {
            var r = new JuteReader(data, int.MaxValue);
            if (r.ReadInt() != Magic)
                throw new InvalidDataException("not an AkkaZk snapshot (bad magic)");
            var version = r.ReadInt();
            if (version != Version)
                throw new InvalidDataException($"snapshot format version {version} is newer than this server understands ({Version})");
            var lastZxid = r.ReadLong();
            var sessionCount = r.ReadInt();
            var sessions = new List<KeyValuePair<long, int>>(Math.Max(0, sessionCount));
            for (var i = 0; i < sessionCount; i++)
                sessions.Add(new(r.ReadLong(), r.ReadInt()));
            var tree = new DataTree(options.ExtendedTypesEnabled);
            var aclCount = r.ReadInt();
            for (var i = 0; i < aclCount; i++)
            {
                var id = r.ReadLong();
                tree.Acls.Restore(id, DataCodec.ReadAcls(ref r) ?? []);
            }
            while (true)
            {
                var path = r.ReadString() ?? throw new InvalidDataException("null path in snapshot");
                if (path == DataTree.RootPath)
                    break;
                var nodeData = r.ReadBuffer();
                var aclRef = r.ReadLong();
                var stat = ReadStat(ref r);
                tree.RestoreNode(path.Length == 0 ? DataTree.RootPath : path, nodeData, aclRef, stat);
            }
            return ZkDatabase.Restore(options, tree, sessions, lastZxid);
        }
        catch (JuteException e)
        {
            throw new InvalidDataException($"snapshot is truncated or corrupt: {e.Message}", e);
        }
    }

    private static void WriteStat(JuteWriter w, PersistedStat s)
    {
        w.WriteLong(s.Czxid);
        w.WriteLong(s.Mzxid);
        w.WriteLong(s.Ctime);
        w.WriteLong(s.Mtime);
        w.WriteInt(s.Version);
        w.WriteInt(s.Cversion);
        w.WriteInt(s.Aversion);
        w.WriteLong(s.EphemeralOwner);
        w.WriteLong(s.Pzxid);
    }

    private static PersistedStat ReadStat(ref JuteReader r) =>
        new(r.ReadLong(), r.ReadLong(), r.ReadLong(), r.ReadLong(), r.ReadInt(), r.ReadInt(), r.ReadInt(), r.ReadLong(), r.ReadLong());
}
