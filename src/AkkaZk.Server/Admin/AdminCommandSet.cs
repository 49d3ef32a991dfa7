using Akka.Actor;
using AkkaZk.Config;

namespace AkkaZk.Admin;

/// <summary>
/// Every command of ZooKeeper 3.8's AdminServer (org.apache.zookeeper.server.admin.Commands) with its names, primary
/// first, as 3.8 registers them. Answers are built by <see cref="AdminResponses"/> from facts the actors give.
/// </summary>
public static class AdminCommandSet
{
    public static AdminCommands Create(ActorSystem system, NodeSettings settings, Zab.PeerStatus? peer = null, Func<bool>? isReadOnly = null)
    {
        var traceMask = new TraceMask();
        return new AdminCommands(system, settings,
        [
            new(["configuration", "conf", "config"], r => Sync(AdminResponses.Configuration(r.Settings))),
            new(["connection_stat_reset", "crst"], async r =>
            {
                await AdminFacts.ResetStats(r.System, connections: true, server: false);
                return [];
            }),
            new(["connections", "cons"], async r => AdminResponses.Connections(await AdminFacts.Connections(r.System))),
            new(["dirs"], r => Sync(AdminResponses.Dirs(r.Settings))),
            new(["dump"], async r => AdminResponses.Dump(await AdminFacts.TreeText(r.System, "dump"), r.Settings.TickTime)),
            new(["environment", "env", "envi"], r => Sync(AdminResponses.Environment(r.Settings)), ServerRequired: false),
            new(["get_trace_mask", "gtmk"], _ => Sync(new() { ["tracemask"] = traceMask.Value }), ServerRequired: false),
            new(["hash"], _ => Sync(new() { ["digests"] = Array.Empty<object>() })),
            new(["initial_configuration", "icfg"], r => Sync(new() { ["initial_configuration"] = AdminResponses.InitialConfiguration(r.Settings) })),
            new(["is_read_only", "isro"], _ => Sync(new() { ["read_only"] = isReadOnly?.Invoke() == true })),
            new(["last_snapshot", "lsnp"], async r => AdminResponses.LastSnapshot(await AdminFacts.Tree(r.System))),
            new(["leader", "lead"], r => r.Settings.IsStandalone || r.Peer is null
                ? throw new AdminCommandException("server is not initialized")
                : Sync(AdminEnsemble.Leader(r.Settings, r.Peer.Current))),
            new(["monitor", "mntr"], async r => AdminResponses.Monitor(
                r.Settings, await AdminFacts.Connections(r.System), await AdminFacts.Tree(r.System), r.Peer)),
            new(["observer_connection_stat_reset", "orst"], _ => Sync([])),
            new(["observers", "obsr"], r => Sync(AdminEnsemble.Observers(r.Peer?.Current))),
            new(["cluster"], async r => await AdminEnsemble.Cluster(r.System, r.Settings, r.Peer)),
            new(["ruok"], _ => Sync([])),
            new(["server_stats", "srvr"], async r => AdminResponses.ServerStats(
                r.Settings, await AdminFacts.Connections(r.System), await AdminFacts.Tree(r.System), withConnections: false, r.Peer)),
            new(["set_trace_mask", "stmk"], r =>
            {
                var raw = r.Query.GetValueOrDefault("traceMask");
                if (raw is null)
                    throw new AdminCommandException("setTraceMask requires long traceMask argument");
                if (!long.TryParse(raw, out var mask))
                    throw new AdminCommandException($"setTraceMask requires long traceMask argument, got {raw}");
                traceMask.Value = mask;
                return Sync(new() { ["tracemask"] = mask });
            }, ServerRequired: false),
            new(["stat_reset", "srst"], async r =>
            {
                await AdminFacts.ResetStats(r.System, connections: false, server: true);
                return [];
            }),
            new(["stats", "stat"], async r => AdminResponses.ServerStats(
                r.Settings, await AdminFacts.Connections(r.System), await AdminFacts.Tree(r.System), withConnections: true, r.Peer)),
            new(["system_properties", "sysp"], r => Sync(AdminResponses.SystemProperties(r.Settings)), ServerRequired: false),
            new(["voting_view"], r => Sync(new() { ["current_config"] = AdminEnsemble.VotingView(r.Settings) })),
            new(["watch_summary", "wchs"], async r => AdminResponses.WatchSummary(await AdminFacts.Tree(r.System))),
            new(["watches", "wchc"], async r => new()
            {
                ["session_id_to_watched_paths"] = AdminResponses.GroupedDump(await AdminFacts.TreeText(r.System, "wchc"), headerIsSession: true),
            }),
            new(["watches_by_path", "wchp"], async r => new()
            {
                ["path_to_session_ids"] = AdminResponses.GroupedDump(await AdminFacts.TreeText(r.System, "wchp"), headerIsSession: false),
            }),
            new(["zabstate"], _ => Sync(new() { ["voting"] = false, ["zabstate"] = "" })),
        ], peer);
    }

    private static Task<Dictionary<string, object?>> Sync(Dictionary<string, object?> body) => Task.FromResult(body);

    /// <summary>ZooKeeper's ZooTrace mask: gtmk / stmk read and set it; 306 is its default.</summary>
    private sealed class TraceMask
    {
        private long _value = 306;

        public long Value
        {
            get => Interlocked.Read(ref _value);
            set => Interlocked.Exchange(ref _value, value);
        }
    }
}
