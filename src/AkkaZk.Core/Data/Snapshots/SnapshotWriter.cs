using System.Buffers;
using AkkaZk.Jute;
using AkkaZk.Protocol.Codec;

namespace AkkaZk.Data.Snapshots;

/// <summary>
/// ZooKeeper's fuzzy snapshot (DataTree.serialize while the tree keeps changing), written in steps so that the
/// request pipeline runs between them. The zxid and the sessions are fixed when it starts. Each node is written as it
/// is when its turn comes, pre-order: a node gone by then is skipped with its subtree, and children created after
/// their parent was written are left out. Replaying the log from the start zxid makes it exact, because applying a
/// txn the snapshot already holds is harmless (see ZkDatabase.Apply, as DataTree.processTxn).
/// The ACL cache goes first in the stream but is known only at the end: it holds the entries the written nodes use.
/// </summary>
public sealed class SnapshotWriter : IDisposable
{
    private readonly DataTree _tree;
    private readonly KeyValuePair<long, int>[] _sessions;
    private readonly Stack<string> _pending = new();
    private readonly SortedDictionary<long, IReadOnlyList<Acl>> _acls = [];
    private readonly SegmentedBuffer _nodes = new();
    private readonly JuteWriter _writer;

    public SnapshotWriter(ZkDatabase database)
    {
        Database = database;
        Zxid = database.LastProcessedZxid;
        _tree = database.Tree;
        _sessions = [.. database.Sessions];
        _writer = new JuteWriter(_nodes);
        _pending.Push(""); // the root, under the path "" as ZooKeeper writes it
    }

    /// <summary>The database this snapshot is of; a writer outlived by a replaced database must be dropped.</summary>
    public ZkDatabase Database { get; }

    /// <summary>Every txn up to this zxid is in the snapshot; later ones may be, partly.</summary>
    public long Zxid { get; }

    public long NodesWritten { get; private set; }

    public bool Done => _pending.Count == 0;

    /// <summary>Writes up to <paramref name="maxNodes"/> more nodes; true once the whole tree is written.</summary>
    public bool Step(int maxNodes)
    {
        for (var i = 0; i < maxNodes && _pending.Count > 0; i++)
        {
            var path = _pending.Pop();
            if (_tree.GetNode(path) is not { } node)
                continue;
            _writer.WriteString(path);
            _writer.WriteBuffer(node.Data);
            _writer.WriteLong(node.AclRef);
            PersistedStatCodec.Write(_writer, node.Stat);
            if (node.AclRef != AclCache.OpenUnsafeAclId && !_acls.ContainsKey(node.AclRef))
                _acls[node.AclRef] = _tree.AclOf(node);
            NodesWritten++;
            foreach (var child in node.Children)
                _pending.Push(path + "/" + child);
            if (_pending.Count == 0)
                _writer.WriteString(DataTree.RootPath); // the end marker
        }
        return Done;
    }

    /// <summary>What precedes the nodes (SerializeUtils.serializeSnapshot, DataTree.serialize): sessions, then the ACL cache.</summary>
    public void WriteHead(JuteWriter writer)
    {
        writer.WriteInt(_sessions.Length);
        foreach (var (id, timeout) in _sessions)
        {
            writer.WriteLong(id);
            writer.WriteInt(timeout);
        }
        writer.WriteInt(_acls.Count);
        foreach (var (id, acls) in _acls)
        {
            writer.WriteLong(id);
            DataCodec.WriteAcls(writer, acls);
        }
    }

    /// <summary>The finished stream as one array: what <paramref name="writePrefix"/> writes, then <see cref="WriteHead"/>, then the nodes.</summary>
    public byte[] ToArray(Action<JuteWriter> writePrefix)
    {
        if (!Done)
            throw new InvalidOperationException("the snapshot is not finished");
        var head = new ArrayBufferWriter<byte>(1024);
        var writer = new JuteWriter(head);
        writePrefix(writer);
        WriteHead(writer);
        var result = new byte[head.WrittenCount + _nodes.Length];
        head.WrittenSpan.CopyTo(result);
        _nodes.CopyTo(result.AsSpan(head.WrittenCount));
        return result;
    }

    public void Dispose() => _nodes.Dispose();
}
