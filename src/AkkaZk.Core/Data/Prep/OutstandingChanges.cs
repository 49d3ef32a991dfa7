namespace AkkaZk.Data.Prep;

/// <summary>
/// The leader's outstanding changes (zks.outstandingChanges + outstandingChangesForPath): prepared in zxid order,
/// dropped as their txns are applied. "" and "/" are one key: both name the root.
/// </summary>
internal sealed class OutstandingChanges
{
    private readonly LinkedList<ChangeRecord> _queue = new();
    private readonly Dictionary<string, ChangeRecord> _byPath = new(StringComparer.Ordinal);

    public int Count => _queue.Count;

    public IEnumerable<ChangeRecord> InOrder => _queue;

    public ChangeRecord? Get(string path) => _byPath.GetValueOrDefault(Key(path));

    public void Add(ChangeRecord record)
    {
        _queue.AddLast(record);
        _byPath[Key(record.Path)] = record;
    }

    /// <summary>FinalRequestProcessor: once a txn is applied, its records (and any older) are no longer outstanding.</summary>
    public void RemoveUpTo(long zxid)
    {
        while (_queue.First is { } first && first.Value.Zxid <= zxid)
        {
            _queue.RemoveFirst();
            var key = Key(first.Value.Path);
            if (_byPath.TryGetValue(key, out var current) && ReferenceEquals(current, first.Value))
                _byPath.Remove(key);
        }
    }

    /// <summary>A failed multi: drop the records it added and let each path fall back to its previous record.</summary>
    public void Rollback(long zxid)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        while (_queue.Last is { } last && last.Value.Zxid == zxid)
        {
            _queue.RemoveLast();
            touched.Add(Key(last.Value.Path));
        }
        foreach (var key in touched)
        {
            _byPath.Remove(key);
            for (var node = _queue.Last; node is not null; node = node.Previous)
            {
                if (Key(node.Value.Path) == key)
                {
                    _byPath[key] = node.Value;
                    break;
                }
            }
        }
    }

    public void Clear()
    {
        _queue.Clear();
        _byPath.Clear();
    }

    private static string Key(string path) => path.Length == 0 ? "/" : path;
}
