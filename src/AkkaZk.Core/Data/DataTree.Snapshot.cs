namespace AkkaZk.Data;

public sealed partial class DataTree
{
    /// <summary>
    /// Puts a node read from a snapshot into the tree: parents come before their children, so the parent is
    /// linked here; the special nodes already exist and only take the stored state.
    /// </summary>
    internal void RestoreNode(string path, byte[]? data, long aclRef, PersistedStat stat)
    {
        if (_nodes.TryGetValue(path, out var existing))
        {
            existing.Data = data;
            existing.AclRef = aclRef;
            existing.Stat = stat;
            return;
        }
        var parentPath = PathUtils.ParentOf(path);
        if (!_nodes.TryGetValue(parentPath, out var parent))
            throw new InvalidDataException($"snapshot lists {path} before its parent");
        var node = new DataNode(data, aclRef, stat);
        parent.AddChild(PathUtils.NameOf(path));
        _nodes[path] = node;
        switch (KindOf(stat.EphemeralOwner))
        {
            case EphemeralKind.Container:
                _containers.Add(path);
                break;
            case EphemeralKind.Ttl:
                _ttls.Add(path);
                break;
            case EphemeralKind.Normal:
                if (!_ephemerals.TryGetValue(stat.EphemeralOwner, out var list))
                    _ephemerals[stat.EphemeralOwner] = list = new HashSet<string>(StringComparer.Ordinal);
                list.Add(path);
                break;
        }
    }

    /// <summary>Nodes parents-first (depth-first from the root), the order a snapshot stores them in.</summary>
    internal IEnumerable<(string Path, DataNode Node)> NodesParentsFirst()
    {
        var stack = new Stack<string>();
        stack.Push(RootPath);
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            var node = _nodes[path];
            yield return (path, node);
            foreach (var child in node.Children)
                stack.Push(path == RootPath ? "/" + child : path + "/" + child);
        }
    }
}
