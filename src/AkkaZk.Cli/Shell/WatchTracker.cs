using AkkaZk.Protocol;

namespace AkkaZk.Cli.Shell;

public enum WatchKind
{
    Data,
    Child,
    Persistent,
    PersistentRecursive,
}

/// <summary>
/// The watches this session set, as ZooKeeper's client-side ZKWatchManager keeps them: one-time data and child
/// watches go when they fire; removewatches reports a DataWatchRemoved / ChildWatchRemoved / PersistentWatchRemoved
/// event for each kind it removed.
/// </summary>
public sealed class WatchTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<WatchKind>> _byPath = [];

    public void Add(string path, WatchKind kind)
    {
        lock (_gate)
        {
            if (!_byPath.TryGetValue(path, out var kinds))
                _byPath[path] = kinds = [];
            kinds.Add(kind);
        }
    }

    public void Fired(EventType type, string? path)
    {
        if (path is null)
            return;
        lock (_gate)
        {
            if (!_byPath.TryGetValue(path, out var kinds))
                return;
            if (type is EventType.NodeCreated or EventType.NodeDataChanged or EventType.NodeDeleted)
                kinds.Remove(WatchKind.Data);
            if (type is EventType.NodeChildrenChanged or EventType.NodeDeleted)
                kinds.Remove(WatchKind.Child);
            if (kinds.Count == 0)
                _byPath.Remove(path);
        }
    }

    /// <summary>Removes the watches of <paramref name="type"/> on a path; the removal events to deliver, in a fixed order.</summary>
    public IReadOnlyList<EventType> Remove(string path, WatcherType type)
    {
        lock (_gate)
        {
            if (!_byPath.TryGetValue(path, out var kinds))
                return [];
            var events = new List<EventType>();
            if (type is WatcherType.Children or WatcherType.Any && kinds.Remove(WatchKind.Child))
                events.Add(EventType.ChildWatchRemoved);
            if (type is WatcherType.Data or WatcherType.Any && kinds.Remove(WatchKind.Data))
                events.Add(EventType.DataWatchRemoved);
            if (type == WatcherType.Any && (kinds.Remove(WatchKind.Persistent) | kinds.Remove(WatchKind.PersistentRecursive)))
                events.Add(EventType.PersistentWatchRemoved);
            if (kinds.Count == 0)
                _byPath.Remove(path);
            return events;
        }
    }

    public void Clear()
    {
        lock (_gate)
            _byPath.Clear();
    }
}
