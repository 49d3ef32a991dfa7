using AkkaZk.Protocol;

namespace AkkaZk.Data.Watches;

/// <summary>
/// One watch table keyed by path and by watcher (ZooKeeper's WatchManager). The tree keeps two: data watches
/// (getData, exists, persistent, persistent-recursive) and child watches (getChildren, persistent).
/// A watcher has one mode per path; registering again replaces the mode, as in ZooKeeper 3.8.
/// </summary>
public sealed class WatchTable
{
    private readonly Dictionary<string, HashSet<long>> _byPath = [];
    private readonly Dictionary<long, HashSet<string>> _byWatcher = [];
    private readonly Dictionary<(long Watcher, string Path), WatcherMode> _modes = [];
    private int _recursiveCount;

    /// <summary>Number of (path, watcher) pairs.</summary>
    public int Count { get; private set; }

    public int RecursiveCount => _recursiveCount;

    /// <summary>Adds or re-modes a watch; true when the (path, watcher) pair is new.</summary>
    public bool Add(string path, long watcher, WatcherMode mode = WatcherMode.Standard)
    {
        if (!_byPath.TryGetValue(path, out var watchers))
            _byPath[path] = watchers = [];
        watchers.Add(watcher);
        if (!_byWatcher.TryGetValue(watcher, out var paths))
            _byWatcher[watcher] = paths = [];
        SetMode(watcher, path, mode);
        var added = paths.Add(path);
        if (added)
            Count++;
        return added;
    }

    public bool Contains(string path, long watcher) =>
        _byWatcher.TryGetValue(watcher, out var paths) && paths.Contains(path);

    public WatcherMode? ModeOf(string path, long watcher) =>
        Contains(path, watcher) ? _modes.GetValueOrDefault((watcher, path), WatcherMode.Standard) : null;

    /// <summary>Removes one watch of any mode; false when there was none.</summary>
    public bool Remove(string path, long watcher)
    {
        if (!_byWatcher.TryGetValue(watcher, out var paths) || !paths.Remove(path))
            return false;
        if (paths.Count == 0)
            _byWatcher.Remove(watcher);
        Count--;
        if (_byPath.TryGetValue(path, out var watchers))
        {
            watchers.Remove(watcher);
            if (watchers.Count == 0)
                _byPath.Remove(path);
        }
        SetMode(watcher, path, WatcherMode.Standard);
        return true;
    }

    /// <summary>Drops every watch of a watcher (its connection closed).</summary>
    public void RemoveWatcher(long watcher)
    {
        if (!_byWatcher.Remove(watcher, out var paths))
            return;
        foreach (var path in paths)
        {
            Count--;
            if (_byPath.TryGetValue(path, out var watchers))
            {
                watchers.Remove(watcher);
                if (watchers.Count == 0)
                    _byPath.Remove(path);
            }
            SetMode(watcher, path, WatcherMode.Standard);
        }
    }

    /// <summary>
    /// WatchManager.triggerWatch: collects the watchers an event on <paramref name="path"/> reaches, each once,
    /// and removes the standard watches that fired. Recursive watches on ancestors match every event type except
    /// NodeChildrenChanged; standard and persistent watches only match on the path itself.
    /// </summary>
    public List<long> Trigger(string path, EventType type)
    {
        if (_byPath.Count == 0)
            return [];
        List<long>? fired = null;
        HashSet<long>? seen = null;
        var current = path;
        var atParent = false;
        while (true)
        {
            if (_byPath.TryGetValue(current, out var watchers))
            {
                List<long>? consumed = null;
                foreach (var watcher in watchers)
                {
                    var mode = _modes.Count == 0 ? WatcherMode.Standard : _modes.GetValueOrDefault((watcher, current), WatcherMode.Standard);
                    var matches = mode == WatcherMode.PersistentRecursive ? type != EventType.NodeChildrenChanged : !atParent;
                    if (!matches)
                        continue;
                    if ((seen ??= []).Add(watcher))
                        (fired ??= []).Add(watcher);
                    if (mode == WatcherMode.Standard)
                        (consumed ??= []).Add(watcher);
                }
                if (consumed is not null)
                {
                    foreach (var watcher in consumed)
                        Remove(current, watcher);
                }
            }
            if (_recursiveCount == 0 || !TryParent(current, out current))
                break;
            atParent = true;
        }
        return fired ?? [];
    }

    /// <summary>Paths watched, with their watchers (wchp).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<long>> ByPath =>
        _byPath.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<long>)kv.Value.ToArray());

    /// <summary>Watchers, with the paths each watches (wchc).</summary>
    public IReadOnlyDictionary<long, IReadOnlyCollection<string>> ByWatcher =>
        _byWatcher.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value.ToArray());

    public int PathCount => _byPath.Count;

    public int WatcherCount => _byWatcher.Count;

    private void SetMode(long watcher, string path, WatcherMode mode)
    {
        var key = (watcher, path);
        var wasRecursive = _modes.TryGetValue(key, out var old) && old == WatcherMode.PersistentRecursive;
        if (mode == WatcherMode.Standard)
            _modes.Remove(key);
        else
            _modes[key] = mode;
        var isRecursive = mode == WatcherMode.PersistentRecursive;
        if (isRecursive && !wasRecursive)
            _recursiveCount++;
        else if (!isRecursive && wasRecursive)
            _recursiveCount--;
    }

    /// <summary>PathParentIterator: "/a/b" → "/a" → "/"; stops after "/".</summary>
    private static bool TryParent(string path, out string parent)
    {
        if (path.Length <= 1)
        {
            parent = path;
            return false;
        }
        var slash = path.LastIndexOf('/');
        parent = slash <= 0 ? "/" : path[..slash];
        return slash >= 0;
    }
}
