using System.Runtime.InteropServices;

namespace AkkaZk.Data;

/// <summary>
/// ZooKeeper's ReferenceCountedACLCache: every distinct ACL list is stored once and nodes hold a long key,
/// so a million znodes with the same ACL share one list. Key -1 is OPEN_ACL_UNSAFE and is never counted.
/// </summary>
public sealed class AclCache
{
    public const long OpenUnsafeAclId = -1;

    private readonly Dictionary<long, IReadOnlyList<Acl>> _byId = [];
    private readonly Dictionary<AclListKey, long> _byList = [];
    private readonly Dictionary<long, long> _references = [];
    private long _lastId;

    public int Count => _byId.Count;

    /// <summary>Returns the key of this list (adding it if new) and counts one more use.</summary>
    public long Convert(IReadOnlyList<Acl>? acls)
    {
        if (acls is null)
            return OpenUnsafeAclId;
        var key = new AclListKey(acls);
        if (!_byList.TryGetValue(key, out var id))
        {
            id = ++_lastId;
            var copy = acls.ToArray();
            _byId[id] = copy;
            _byList[new AclListKey(copy)] = id;
        }
        AddUsage(id);
        return id;
    }

    public IReadOnlyList<Acl> Get(long id)
    {
        if (id == OpenUnsafeAclId)
            return Acl.OpenAclUnsafe;
        return _byId.TryGetValue(id, out var acls)
            ? acls
            : throw new InvalidOperationException($"Failed to fetch acls for {id}");
    }

    public void AddUsage(long id) => AddUsage(id, 1);

    /// <summary>Counts <paramref name="count"/> more uses at once (a snapshot load counts runs of nodes sharing a list).</summary>
    public void AddUsage(long id, long count)
    {
        if (id == OpenUnsafeAclId || !_byId.ContainsKey(id))
            return;
        CollectionsMarshal.GetValueRefOrAddDefault(_references, id, out _) += count;
    }

    public void RemoveUsage(long id)
    {
        if (id == OpenUnsafeAclId || !_references.TryGetValue(id, out var count))
            return;
        if (count > 1)
        {
            _references[id] = count - 1;
            return;
        }
        _references.Remove(id);
        if (_byId.Remove(id, out var acls))
            _byList.Remove(new AclListKey(acls));
    }

    /// <summary>All entries with their keys, for snapshots.</summary>
    public IEnumerable<KeyValuePair<long, IReadOnlyList<Acl>>> Entries => _byId;

    /// <summary>Restores an entry from a snapshot (reference counts are rebuilt as nodes load).</summary>
    public void Restore(long id, IReadOnlyList<Acl> acls)
    {
        var copy = acls.ToArray();
        _byId[id] = copy;
        _byList[new AclListKey(copy)] = id;
        _lastId = Math.Max(_lastId, id);
    }

    public void Clear()
    {
        _byId.Clear();
        _byList.Clear();
        _references.Clear();
        _lastId = 0;
    }

    /// <summary>Drops entries no node references any more (after a snapshot load).</summary>
    public void PurgeUnused()
    {
        foreach (var id in _byId.Keys.Where(id => !_references.ContainsKey(id)).ToList())
            _byList.Remove(new AclListKey(_byId[id]));
        foreach (var id in _byId.Keys.Where(id => !_references.ContainsKey(id)).ToList())
            _byId.Remove(id);
    }

    private readonly struct AclListKey(IReadOnlyList<Acl> acls) : IEquatable<AclListKey>
    {
        private readonly IReadOnlyList<Acl> _acls = acls;

        public bool Equals(AclListKey other)
        {
            if (_acls.Count != other._acls.Count)
                return false;
            for (var i = 0; i < _acls.Count; i++)
            {
                if (!_acls[i].Equals(other._acls[i]))
                    return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is AclListKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var acl in _acls)
                hash.Add(acl);
            return hash.ToHashCode();
        }
    }
}
