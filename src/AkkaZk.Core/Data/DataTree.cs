using AkkaZk.Data.Watches;
using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>
/// The in-memory znode tree (ZooKeeper's DataTree): nodes by full path, the shared ACL cache, ephemerals by session,
/// container and TTL sets, and the watch tables its changes trigger. Single-threaded.
/// </summary>
public sealed partial class DataTree
{
    public const string RootPath = "/";
    public const string ProcPath = "/zookeeper";
    public const string QuotaPath = "/zookeeper/quota";
    public const string ConfigPath = "/zookeeper/config";

    private readonly Dictionary<string, DataNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, JavaHashSet> _ephemerals = [];
    private readonly HashSet<string> _containers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ttls = new(StringComparer.Ordinal);
    private readonly List<FiredWatch> _fired = [];

    public DataTree(bool extendedTypesEnabled = false, WatchManager? watches = null)
    {
        ExtendedTypesEnabled = extendedTypesEnabled;
        Watches = watches ?? new WatchManager();
        Root = new DataNode([], AclCache.OpenUnsafeAclId, default);
        // The root answers to both "" (the parent of "/a") and "/".
        _nodes[""] = Root;
        _nodes[RootPath] = Root;
        var proc = new DataNode([], AclCache.OpenUnsafeAclId, default);
        Root.AddChild("zookeeper");
        _nodes[ProcPath] = proc;
        proc.AddChild("quota");
        _nodes[QuotaPath] = new DataNode([], AclCache.OpenUnsafeAclId, default);
        proc.AddChild("config");
        _nodes[ConfigPath] = new DataNode([], AclCache.OpenUnsafeAclId, default);
        // Reconfig node is read-only for everyone (ZOOKEEPER-2014); setACL with version -1 leaves aversion -1.
        SetAcl(ConfigPath, Acl.ReadAclUnsafe, -1);
        ApproximateDataSize = ComputeDataSize();
    }

    private static long NodeSize(string path, byte[]? data) => path.Length + (data?.Length ?? 0);

    private long ComputeDataSize() => _nodes.Sum(kv => NodeSize(kv.Key, kv.Value.Data));

    public bool ExtendedTypesEnabled { get; }

    public WatchManager Watches { get; }

    public AclCache Acls { get; } = new();

    public DataNode Root { get; private set; }

    /// <summary>zk_approximate_data_size: path lengths plus data lengths over the node map (root alias included).</summary>
    public long ApproximateDataSize { get; private set; }

    /// <summary>Entries in the node map, counting the root's "" alias as ZooKeeper does (zk_znode_count).</summary>
    public int NodeCount => _nodes.Count;

    public DataNode? GetNode(string path) => _nodes.GetValueOrDefault(path);

    public IReadOnlyList<Acl> AclOf(DataNode node) => Acls.Get(node.AclRef);

    /// <summary>Every node by path, without the root's "" alias.</summary>
    public IEnumerable<KeyValuePair<string, DataNode>> Nodes => _nodes.Where(kv => kv.Key.Length > 0);

    public IReadOnlyCollection<string> Containers => _containers;

    public IReadOnlyCollection<string> Ttls => _ttls;

    /// <summary>Sessions that own ephemerals.</summary>
    public IReadOnlyCollection<long> EphemeralSessions => _ephemerals.Keys;

    public int EphemeralCount => _ephemerals.Values.Sum(s => s.Count);

    /// <summary>The session's ephemeral paths (a copy).</summary>
    public JavaHashSet GetEphemerals(long sessionId) =>
        _ephemerals.TryGetValue(sessionId, out var paths) ? paths.Clone() : new JavaHashSet();

    /// <summary>ZKDatabase.isSpecialPath: the nodes a client may not delete.</summary>
    /// <summary>
    /// QuorumPeer's initConfigInZKDatabase: /zookeeper/config holds the ensemble's membership. Written outside any
    /// txn, as ZooKeeper does (setData with version -1: the stat shows version -1 and zxids 0).
    /// </summary>
    public void SetConfigData(byte[] data, long time)
    {
        var node = _nodes[ConfigPath];
        ApproximateDataSize += NodeSize(ConfigPath, data) - NodeSize(ConfigPath, node.Data);
        node.Data = data;
        node.Stat = node.Stat with { Mtime = time, Version = -1 };
    }

    public static bool IsSpecialPath(string path) => path is RootPath or ProcPath or QuotaPath or ConfigPath;

    /// <summary>Watches that fired since the last drain, in firing order.</summary>
    internal List<FiredWatch> DrainFired()
    {
        if (_fired.Count == 0)
            return [];
        var fired = new List<FiredWatch>(_fired);
        _fired.Clear();
        return fired;
    }

    public EphemeralKind KindOf(long ephemeralOwner) => EphemeralOwner.Kind(ephemeralOwner, ExtendedTypesEnabled);

    public Stat StatOf(DataNode node) => node.ToClientStat(ExtendedTypesEnabled);

    /// <summary>Files a node under the container, TTL or per-session ephemeral sets its owner field puts it in.</summary>
    private void Register(string path, long ephemeralOwner)
    {
        switch (KindOf(ephemeralOwner))
        {
            case EphemeralKind.Container:
                _containers.Add(path);
                break;
            case EphemeralKind.Ttl:
                _ttls.Add(path);
                break;
            case EphemeralKind.Normal:
                if (!_ephemerals.TryGetValue(ephemeralOwner, out var list))
                    _ephemerals[ephemeralOwner] = list = new JavaHashSet();
                list.Add(path);
                break;
        }
    }

    /// <summary>DataTree.createNode. parentCVersion is the parent's new stored cversion (-1: parent's + 1).</summary>
    internal Stat CreateNode(string path, byte[]? data, IReadOnlyList<Acl> acl, long ephemeralOwner, int parentCVersion, long zxid, long time)
    {
        var parentName = PathUtils.ParentOf(path);
        var childName = PathUtils.NameOf(path);
        if (!_nodes.TryGetValue(parentName, out var parent))
            throw new KeeperException(ErrorCode.NoNode, path);
        if (parent.Children.Contains(childName))
            throw new KeeperException(ErrorCode.NodeExists, path);
        var aclRef = Acls.Convert(acl);
        if (parentCVersion == -1)
            parentCVersion = parent.Stat.Cversion + 1;
        // Replayed txns may be older than the parent's state; only move forward.
        if (parentCVersion > parent.Stat.Cversion)
            parent.Stat = parent.Stat with { Cversion = parentCVersion, Pzxid = zxid };
        var child = new DataNode(data, aclRef, PersistedStat.ForCreate(zxid, time, ephemeralOwner));
        parent.AddChild(childName);
        _nodes[path] = child;
        ApproximateDataSize += NodeSize(path, data);
        Register(path, ephemeralOwner);
        var stat = StatOf(child);
        OnQuotaCreate(parentName, childName, path, data);
        Fire(Watches.DataWatches.Trigger(path, EventType.NodeCreated), EventType.NodeCreated, path, AclOf(child));
        var parentPath = parentName.Length == 0 ? RootPath : parentName;
        Fire(Watches.ChildWatches.Trigger(parentPath, EventType.NodeChildrenChanged), EventType.NodeChildrenChanged, parentPath, AclOf(parent));
        return stat;
    }

    /// <summary>DataTree.setCversionPzxid: moves a node's cversion forward (-1: by one) together with its pzxid.</summary>
    internal void SetCversionPzxid(string path, int newCversion, long zxid)
    {
        if (!_nodes.TryGetValue(path, out var node))
            return; // ZooKeeper logs the missing parent and carries on
        if (newCversion == -1)
            newCversion = node.Stat.Cversion + 1;
        if (newCversion > node.Stat.Cversion)
            node.Stat = node.Stat with { Cversion = newCversion, Pzxid = zxid };
    }

    /// <summary>DataTree.deleteNode: NodeDeleted to data and child watches of the node (once per watcher), NodeChildrenChanged to the parent.</summary>
    internal void DeleteNode(string path, long zxid)
    {
        var parentName = PathUtils.ParentOf(path);
        var childName = PathUtils.NameOf(path);
        if (!_nodes.TryGetValue(parentName, out var parent))
            throw new KeeperException(ErrorCode.NoNode, path);
        parent.RemoveChild(childName);
        if (zxid > parent.Stat.Pzxid)
            parent.Stat = parent.Stat with { Pzxid = zxid };
        if (!_nodes.Remove(path, out var node))
            throw new KeeperException(ErrorCode.NoNode, path);
        var acl = AclOf(node);
        Acls.RemoveUsage(node.AclRef);
        ApproximateDataSize -= NodeSize(path, node.Data);
        var owner = node.Stat.EphemeralOwner;
        switch (KindOf(owner))
        {
            case EphemeralKind.Container:
                _containers.Remove(path);
                break;
            case EphemeralKind.Ttl:
                _ttls.Remove(path);
                break;
            case EphemeralKind.Normal:
                // ZooKeeper keeps the (possibly empty) set until the session dies: its table size decides the
                // order closeSession deletes in.
                if (_ephemerals.TryGetValue(owner, out var list))
                    list.Remove(path);
                break;
        }
        OnQuotaDelete(parentName, childName, path, node.Data);
        var byData = Watches.DataWatches.Trigger(path, EventType.NodeDeleted);
        Fire(byData, EventType.NodeDeleted, path, acl);
        var byChild = Watches.ChildWatches.Trigger(path, EventType.NodeDeleted);
        if (byData.Count > 0)
            byChild.RemoveAll(byData.Contains);
        Fire(byChild, EventType.NodeDeleted, path, acl);
        var parentPath = parentName.Length == 0 ? RootPath : parentName;
        Fire(Watches.ChildWatches.Trigger(parentPath, EventType.NodeChildrenChanged), EventType.NodeChildrenChanged, parentPath, AclOf(parent));
    }

    internal Stat SetData(string path, byte[]? data, int version, long zxid, long time)
    {
        if (!_nodes.TryGetValue(path, out var node))
            throw new KeeperException(ErrorCode.NoNode, path);
        ApproximateDataSize += (data?.Length ?? 0) - (node.Data?.Length ?? 0);
        var oldData = node.Data;
        node.Data = data;
        node.Stat = node.Stat with { Mtime = time, Mzxid = zxid, Version = version };
        var stat = StatOf(node);
        OnQuotaSetData(path, oldData, data);
        Fire(Watches.DataWatches.Trigger(path, EventType.NodeDataChanged), EventType.NodeDataChanged, path, AclOf(node));
        return stat;
    }

    internal Stat SetAcl(string path, IReadOnlyList<Acl> acl, int version)
    {
        if (!_nodes.TryGetValue(path, out var node))
            throw new KeeperException(ErrorCode.NoNode, path);
        Acls.RemoveUsage(node.AclRef);
        node.AclRef = Acls.Convert(acl);
        node.Stat = node.Stat with { Aversion = version };
        return StatOf(node);
    }

    /// <summary>DataTree.killSession: deletes the paths the closeSession txn lists, then any the tree still has for the session.</summary>
    internal void KillSession(long sessionId, long zxid, IReadOnlyList<string>? paths2Delete)
    {
        _ephemerals.Remove(sessionId, out var local);
        if (paths2Delete is not null)
        {
            foreach (var path in paths2Delete)
            {
                TryDelete(path, zxid);
                local?.Remove(path);
            }
        }
        if (local is null)
            return;
        foreach (var path in local.ToList())
            TryDelete(path, zxid);
    }

    private void TryDelete(string path, long zxid)
    {
        try
        {
            DeleteNode(path, zxid);
        }
        catch (KeeperException e) when (e.Code == ErrorCode.NoNode)
        {
            // Already gone: ZooKeeper logs and carries on.
        }
    }

    /// <summary>getAllChildrenNumber: every descendant; for "/" the node count less the root and its alias.</summary>
    public int AllChildrenNumber(string path)
    {
        if (path == RootPath)
            return _nodes.Count - 2;
        var prefix = path + "/";
        var count = 0;
        foreach (var key in _nodes.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
                count++;
        }
        return count;
    }

    private void Fire(List<long> watchers, EventType type, string path, IReadOnlyList<Acl> acl)
    {
        if (watchers.Count == 0)
            return;
        var evt = new WatcherEvent(type, KeeperState.SyncConnected, path);
        foreach (var watcher in watchers)
            _fired.Add(new FiredWatch(watcher, evt, acl));
    }
}
