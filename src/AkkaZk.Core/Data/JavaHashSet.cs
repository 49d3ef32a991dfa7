using System.Collections;

namespace AkkaZk.Data;

/// <summary>
/// A set of strings that iterates in the order java.util.HashSet&lt;String&gt; does. ZooKeeper's closeSession deletes a
/// session's ephemerals in that order, and clients see it in the order of the watch events it fires, so the
/// emulation is exact for what matters here: String.hashCode, HashMap's hash spreading, power-of-two tables that
/// double past 0.75 load (keeping each bucket's insertion order), and clone()'s pre-sizing. (Bins that Java would
/// turn into trees after 8 collisions in one bucket are not emulated.)
/// </summary>
public sealed class JavaHashSet : IReadOnlyCollection<string>
{
    private const float LoadFactor = 0.75f;
    private const int DefaultCapacity = 16;

    private List<string>?[] _table = [];
    private int _threshold;

    public JavaHashSet()
    {
    }

    /// <summary>HashSet.clone(): a table sized for the copy (HashMap.putMapEntries), filled in the source's order.</summary>
    public JavaHashSet Clone()
    {
        var copy = new JavaHashSet();
        if (Count > 0)
            copy._threshold = TableSizeFor((int)((float)Count / LoadFactor + 1.0f));
        foreach (var item in this)
            copy.Add(item);
        return copy;
    }

    public int Count { get; private set; }

    /// <summary>String.hashCode over UTF-16 code units.</summary>
    public static int JavaHashCode(string s)
    {
        var h = 0;
        foreach (var c in s)
            h = unchecked((31 * h) + c);
        return h;
    }

    private static int Spread(int h) => h ^ (int)((uint)h >> 16);

    private static int TableSizeFor(int cap)
    {
        var n = 1;
        while (n < cap)
            n <<= 1;
        return n;
    }

    private int IndexOf(string item, int capacity) => Spread(JavaHashCode(item)) & (capacity - 1);

    public bool Contains(string item) =>
        _table.Length > 0 && _table[IndexOf(item, _table.Length)] is { } bucket && bucket.Contains(item);

    public bool Add(string item)
    {
        if (_table.Length == 0)
            Resize();
        else if (Contains(item))
            return false;
        var index = IndexOf(item, _table.Length);
        (_table[index] ??= []).Add(item);
        if (++Count > _threshold)
            Resize();
        return true;
    }

    public bool Remove(string item)
    {
        if (_table.Length == 0 || _table[IndexOf(item, _table.Length)] is not { } bucket || !bucket.Remove(item))
            return false;
        Count--;
        return true;
    }

    /// <summary>HashMap.resize: first table from the threshold (or 16), then doubling; a split keeps each bucket's order.</summary>
    private void Resize()
    {
        var capacity = _table.Length > 0 ? _table.Length * 2 : _threshold > 0 ? _threshold : DefaultCapacity;
        var old = this.ToList();
        _table = new List<string>?[capacity];
        _threshold = (int)(capacity * LoadFactor);
        foreach (var item in old)
            (_table[IndexOf(item, capacity)] ??= []).Add(item);
    }

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var bucket in _table)
        {
            if (bucket is null)
                continue;
            foreach (var item in bucket)
                yield return item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
