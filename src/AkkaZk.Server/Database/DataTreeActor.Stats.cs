using System.Text;
using Akka.Actor;
using AkkaZk.Protocol;
using static AkkaZk.Database.DataTreeProtocol;

namespace AkkaZk.Database;

/// <summary>Figures and dumps for the four-letter words and the admin server; the container manager.</summary>
internal sealed partial class DataTreeActor
{
    private readonly Dictionary<long, long> _watcherSessions = [];

    private Stats BuildStats()
    {
        var tree = _db.Tree;
        var watches = _db.Watches;
        return new Stats(
            _db.LastProcessedZxid,
            tree.NodeCount,
            tree.ApproximateDataSize,
            tree.EphemeralCount,
            watches.Count,
            watches.ByPath.Count,
            watches.ByWatcher.Count,
            _inFlight,
            new Dictionary<long, int>(_db.Sessions));
    }

    /// <summary>wchc (watches by session), wchp (by path) and dump (sessions with their ephemerals), in ZooKeeper's layout.</summary>
    private string DescribeText(string command)
    {
        var text = new StringBuilder();
        var watches = _db.Watches;
        switch (command)
        {
            case "wchc":
                foreach (var (watcher, paths) in watches.ByWatcher)
                {
                    text.Append("0x").Append(_watcherSessions.GetValueOrDefault(watcher, watcher).ToString("x")).Append('\n');
                    foreach (var path in paths)
                        text.Append('\t').Append(path).Append('\n');
                }
                break;
            case "wchp":
                foreach (var (path, watchers) in watches.ByPath)
                {
                    text.Append(path).Append('\n');
                    foreach (var watcher in watchers)
                        text.Append("\t0x").Append(_watcherSessions.GetValueOrDefault(watcher, watcher).ToString("x")).Append('\n');
                }
                break;
            case "dump":
                text.Append("SessionTracker dump:\n");
                text.Append("Session Sets (").Append(_db.Sessions.Count).Append("):\n");
                foreach (var (id, timeout) in _db.Sessions)
                    text.Append("\t0x").Append(id.ToString("x")).Append(" timeout ").Append(timeout).Append('\n');
                text.Append("ephemeral nodes dump:\n");
                var owners = _db.Tree.EphemeralSessions.ToList();
                text.Append("Sessions with Ephemerals (").Append(owners.Count).Append("):\n");
                foreach (var owner in owners)
                {
                    text.Append("0x").Append(owner.ToString("x")).Append(":\n");
                    foreach (var path in _db.GetEphemerals(owner).Order(StringComparer.Ordinal))
                        text.Append('\t').Append(path).Append('\n');
                }
                break;
        }
        return text.ToString();
    }

    private sealed record CheckContainers
    {
        public static readonly CheckContainers Instance = new();
    }

    /// <summary>ZooKeeper's ContainerManager: empty containers and expired TTL nodes are deleted by deleteContainer txns.</summary>
    private void PurgeContainers()
    {
        foreach (var path in _db.ContainerAndTtlCandidates(Now()))
        {
            PrepareRequest(Data.SessionContext.Anonymous(0), 0, OpCode.DeleteContainer, new DeleteContainerRequest(path), null);
        }
    }
}
