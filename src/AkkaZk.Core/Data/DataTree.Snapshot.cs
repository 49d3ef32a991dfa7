using System.Runtime.InteropServices;
using AkkaZk.Jute;
using AkkaZk.Protocol.Codec;

namespace AkkaZk.Data;

public sealed partial class DataTree
{
    /// <summary>DataTree.deserialize: replaces the whole tree (watches are kept; they belong to connections).</summary>
    public void Deserialize(ref JuteReader reader)
    {
        Acls.Clear();
        _nodes.Clear();
        _ephemerals.Clear();
        _containers.Clear();
        _ttls.Clear();
        var aclCount = reader.ReadInt();
        for (var i = 0; i < aclCount; i++)
        {
            var id = reader.ReadLong();
            Acls.Restore(id, DataCodec.ReadAcls(ref reader));
        }
        // Nodes arrive in pre-order, so a node's parent is almost always the node before it or that node's parent:
        // both are kept here and compared as spans, so the common case neither slices nor hashes the parent path.
        var parents = new ParentCache(_nodes);
        long dataSize = 0;
        // Neighbouring nodes mostly share an ACL list: count each run once instead of once per node.
        long aclRef = AclCache.OpenUnsafeAclId, aclRun = 0;
        var path = reader.ReadString() ?? throw new JuteException("null path in snapshot");
        while (path != RootPath)
        {
            var node = new DataNode(reader.ReadBuffer(), reader.ReadLong(), PersistedStatCodec.Read(ref reader));
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodes, path, out var replaced);
            if (replaced)
            {
                // A path listed twice: the later node wins, as in the map; cached parents may be the loser.
                dataSize -= NodeSize(path, entry!.Data);
                parents.Forget();
            }
            entry = node;
            dataSize += NodeSize(path, node.Data);
            if (node.AclRef != aclRef)
            {
                Acls.AddUsage(aclRef, aclRun);
                (aclRef, aclRun) = (node.AclRef, 0);
            }
            aclRun++;
            var slash = path.LastIndexOf('/');
            if (slash == -1)
            {
                Root = node;
            }
            else
            {
                var parent = parents.Find(path.AsSpan(0, slash))
                    ?? throw new JuteException($"Invalid Datatree, unable to find parent {path[..slash]} of path {path}");
                parent.AddChild(path[(slash + 1)..]);
                Register(path, node.Stat.EphemeralOwner);
            }
            parents.Loaded(path, node);
            path = reader.ReadString() ?? throw new JuteException("null path in snapshot");
        }
        Acls.AddUsage(aclRef, aclRun);
        _nodes[RootPath] = Root;
        Acls.PurgeUnused();
        // zk_approximate_data_size counts the "/" alias too (the "" entry was counted as it loaded).
        ApproximateDataSize = dataSize + NodeSize(RootPath, Root.Data);
        RebuildQuotas();
    }

    /// <summary>The last node loaded and the last parent found, to resolve the next node's parent without a lookup.</summary>
    private struct ParentCache(Dictionary<string, DataNode> nodes)
    {
        private readonly Dictionary<string, DataNode>.AlternateLookup<ReadOnlySpan<char>> _byPath =
            nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        private string? _lastPath;
        private DataNode? _lastNode;
        private string? _parentPath;
        private DataNode? _parentNode;

        public DataNode? Find(ReadOnlySpan<char> parentPath)
        {
            if (_lastPath is not null && parentPath.SequenceEqual(_lastPath))
            {
                (_parentPath, _parentNode) = (_lastPath, _lastNode);
                return _lastNode;
            }
            if (_parentPath is not null && parentPath.SequenceEqual(_parentPath))
                return _parentNode;
            if (!_byPath.TryGetValue(parentPath, out var key, out var parent))
                return null;
            (_parentPath, _parentNode) = (key, parent);
            return parent;
        }

        public void Loaded(string path, DataNode node) => (_lastPath, _lastNode) = (path, node);

        public void Forget() => (_lastPath, _lastNode, _parentPath, _parentNode) = (null, null, null, null);
    }
}
