namespace AkkaZk.Data.Auth;

/// <summary>
/// A connection's auth ids in the order ZooKeeper 3.8 keeps them: ServerCnxn holds them in a set backed by a
/// ConcurrentHashMap, so getAuthInfo (and with it the ACLs an "auth" entry expands to, and whoAmI) lists them in
/// that map's bucket order, not in the order they were added.
/// </summary>
public static class AuthInfoOrder
{
    /// <summary>The ids with <paramref name="added"/> joined (duplicates dropped), in ConcurrentHashMap iteration order.</summary>
    public static IReadOnlyList<Id> With(IReadOnlyList<Id> current, IEnumerable<Id> added)
    {
        var all = new List<Id>(current);
        foreach (var id in added)
        {
            if (!all.Contains(id))
                all.Add(id);
        }
        var buckets = TableSize(all.Count);
        // OrderBy is stable: ids in one bucket keep their insertion order, as the map's bins do.
        return all.OrderBy(id => Spread(JavaHashCode(id)) & (buckets - 1)).ToList();
    }

    /// <summary>org.apache.zookeeper.data.Id.hashCode (jute-generated).</summary>
    public static int JavaHashCode(Id id)
    {
        var result = 17;
        result = unchecked((37 * result) + JavaHashSet.JavaHashCode(id.Scheme));
        result = unchecked((37 * result) + JavaHashSet.JavaHashCode(id.Ident));
        return result;
    }

    private static int Spread(int h) => (h ^ (int)((uint)h >> 16)) & 0x7fffffff;

    /// <summary>ConcurrentHashMap starts with 16 bins and doubles when 3/4 full.</summary>
    private static int TableSize(int count)
    {
        var size = 16;
        while (count >= size - (size >> 2))
            size <<= 1;
        return size;
    }
}
