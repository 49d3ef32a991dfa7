namespace AkkaZk.Data;

/// <summary>
/// One znode, kept small because the tree may hold millions: data, a reference into the shared ACL cache,
/// the persisted stat and the child names (null while there are none).
/// </summary>
public sealed class DataNode
{
    private HashSet<string>? _children;

    internal DataNode(byte[]? data, long aclRef, PersistedStat stat)
    {
        Data = data;
        AclRef = aclRef;
        Stat = stat;
    }

    /// <summary>The node's data; null when it was created with null data (clients see a -1 length).</summary>
    public byte[]? Data { get; internal set; }

    /// <summary>Key into the tree's <see cref="AclCache"/>; -1 is OPEN_ACL_UNSAFE.</summary>
    public long AclRef { get; internal set; }

    public PersistedStat Stat { get; internal set; }

    public int ChildCount => _children?.Count ?? 0;

    public IReadOnlyCollection<string> Children => (IReadOnlyCollection<string>?)_children ?? [];

    internal bool AddChild(string name) => (_children ??= []).Add(name);

    internal bool RemoveChild(string name)
    {
        if (_children is null || !_children.Remove(name))
            return false;
        if (_children.Count == 0)
            _children = null;
        return true;
    }

    public Stat ToClientStat(bool extendedTypesEnabled) =>
        Stat.ToClientStat(Data?.Length ?? 0, ChildCount, extendedTypesEnabled);
}
