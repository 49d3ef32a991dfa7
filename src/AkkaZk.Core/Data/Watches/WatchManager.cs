using AkkaZk.Protocol;

namespace AkkaZk.Data.Watches;

/// <summary>
/// The tree's two watch tables, as DataTree holds them: <see cref="DataWatches"/> (getData, exists, persistent,
/// persistent-recursive) and <see cref="ChildWatches"/> (getChildren, persistent). Watcher ids are connections.
/// </summary>
public sealed class WatchManager
{
    public WatchTable DataWatches { get; } = new();

    public WatchTable ChildWatches { get; } = new();

    /// <summary>All watches (DataTree.getWatchCount: data + child), as wchs reports them.</summary>
    public int Count => DataWatches.Count + ChildWatches.Count;

    /// <summary>addWatch: persistent goes to both tables, persistent-recursive to data watches only.</summary>
    public void AddPersistent(string path, long watcher, AddWatchMode mode)
    {
        if (mode == AddWatchMode.PersistentRecursive)
        {
            DataWatches.Add(path, watcher, WatcherMode.PersistentRecursive);
            return;
        }
        DataWatches.Add(path, watcher, WatcherMode.Persistent);
        ChildWatches.Add(path, watcher, WatcherMode.Persistent);
    }

    /// <summary>checkWatches (DataTree.containsWatcher): only Children, Data and Any are known to a 3.8 server.</summary>
    public bool Contains(string path, WatcherType type, long watcher) => type switch
    {
        WatcherType.Children => ChildWatches.Contains(path, watcher),
        WatcherType.Data => DataWatches.Contains(path, watcher),
        WatcherType.Any => ChildWatches.Contains(path, watcher) || DataWatches.Contains(path, watcher),
        _ => false,
    };

    /// <summary>removeWatches (DataTree.removeWatch): Any removes from both tables.</summary>
    public bool Remove(string path, WatcherType type, long watcher)
    {
        switch (type)
        {
            case WatcherType.Children:
                return ChildWatches.Remove(path, watcher);
            case WatcherType.Data:
                return DataWatches.Remove(path, watcher);
            case WatcherType.Any:
                var child = ChildWatches.Remove(path, watcher);
                var data = DataWatches.Remove(path, watcher);
                return child || data;
            default:
                return false;
        }
    }

    public void RemoveWatcher(long watcher)
    {
        DataWatches.RemoveWatcher(watcher);
        ChildWatches.RemoveWatcher(watcher);
    }

    /// <summary>wchc: the paths each connection watches (ZooKeeper dumps the data-watch table).</summary>
    public IReadOnlyDictionary<long, IReadOnlyCollection<string>> ByWatcher => DataWatches.ByWatcher;

    /// <summary>wchp: the connections watching each path (ZooKeeper dumps the data-watch table).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<long>> ByPath => DataWatches.ByPath;
}
