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
        var path = reader.ReadString() ?? throw new JuteException("null path in snapshot");
        while (path != RootPath)
        {
            var node = new DataNode(reader.ReadBuffer(), reader.ReadLong(), PersistedStatCodec.Read(ref reader));
            _nodes[path] = node;
            Acls.AddUsage(node.AclRef);
            var slash = path.LastIndexOf('/');
            if (slash == -1)
            {
                Root = node;
            }
            else
            {
                var parent = _nodes.GetValueOrDefault(path[..slash])
                    ?? throw new JuteException($"Invalid Datatree, unable to find parent {path[..slash]} of path {path}");
                parent.AddChild(path[(slash + 1)..]);
                Register(path, node.Stat.EphemeralOwner);
            }
            path = reader.ReadString() ?? throw new JuteException("null path in snapshot");
        }
        _nodes[RootPath] = Root;
        Acls.PurgeUnused();
        ApproximateDataSize = ComputeDataSize();
        RebuildQuotas();
    }
}
