using Akka.Actor;
using AkkaZk.Admin;
using AkkaZk.Clients;
using Prometheus;

namespace AkkaZk.Metrics;

/// <summary>
/// ZooKeeper's metric names as Prometheus collectors in a registry of this node's own; before each scrape the values
/// are refreshed from the actors (the clients' counters and the data tree's figures), as ZooKeeper's gauges are read
/// when Prometheus collects.
/// </summary>
public sealed class PrometheusMetrics
{
    private readonly ActorSystem _system;
    private readonly Dictionary<string, Gauge> _gauges = [];

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>ServerStats, ZKDatabase and connection gauges ZooKeeperServer.registerMetrics publishes.</summary>
    public static readonly IReadOnlyList<string> GaugeNames =
    [
        "znode_count", "watch_count", "ephemerals_count", "approximate_data_size", "global_sessions", "local_sessions",
        "outstanding_requests", "packets_received", "packets_sent", "num_alive_connections", "avg_latency", "min_latency",
        "max_latency", "uptime", "auth_failed_count", "last_client_response_size", "min_client_response_size",
        "max_client_response_size", "open_file_descriptor_count", "max_file_descriptor_count", "connection_drop_probability",
        "outstanding_tls_handshake", "non_mtls_remote_conn_count", "non_mtls_local_conn_count", "quorum_size",
        "last_processed_zxid", "bytes_received_count",
        // Leader.registerMetrics / the quorum peer's figures (0 on a standalone node or a non-leader)
        "learners", "synced_followers", "synced_observers", "leader_uptime", "looking",
        // Akka.Cluster membership as this server sees it (inspection only: Zab decides who leads)
        "akka_cluster_members", "akka_cluster_unreachable_members",
    ];

    /// <summary>ServerMetrics summaries (BASIC detail: _count and _sum). Not measured yet, so their counts stay 0.</summary>
    public static readonly IReadOnlyList<string> SummaryNames =
        ["fsynctime", "snapshottime", "election_time", "dbinittime", "readlatency", "updatelatency"];

    private readonly Zab.PeerStatus? _peer;
    private readonly int _quorumSize;

    public PrometheusMetrics(ActorSystem system, Zab.PeerStatus? peer = null, int quorumSize = 1)
    {
        _system = system;
        _peer = peer;
        _quorumSize = quorumSize;
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        foreach (var name in GaugeNames)
            _gauges[name] = factory.CreateGauge(name, name.Replace('_', ' '));
        foreach (var name in SummaryNames)
            factory.CreateSummary(name, name, new SummaryConfiguration { Objectives = [] });
        Registry.AddBeforeCollectCallback(RefreshAsync);
    }

    private async Task RefreshAsync(CancellationToken cancel)
    {
        var connections = await AdminFacts.Connections(_system);
        var tree = await AdminFacts.Tree(_system);
        var server = connections.Server;
        Set("znode_count", tree.NodeCount);
        Set("watch_count", tree.WatchCount);
        Set("ephemerals_count", tree.EphemeralsCount);
        Set("approximate_data_size", tree.ApproximateDataSize);
        Set("global_sessions", tree.Sessions.Count);
        Set("local_sessions", 0);
        Set("outstanding_requests", server.Outstanding);
        Set("packets_received", server.PacketsReceived);
        Set("packets_sent", server.PacketsSent);
        Set("num_alive_connections", connections.Snapshot.Count);
        Set("avg_latency", server.Latency.Average);
        Set("min_latency", server.Latency.Min);
        Set("max_latency", server.Latency.Max);
        Set("uptime", server.UptimeMs);
        Set("auth_failed_count", server.AuthFailed);
        Set("last_client_response_size", -1);
        Set("min_client_response_size", -1);
        Set("max_client_response_size", -1);
        Set("open_file_descriptor_count", ServerEnvironment.OpenFileDescriptors());
        Set("max_file_descriptor_count", ServerEnvironment.MaxFileDescriptors());
        Set("connection_drop_probability", 0);
        Set("outstanding_tls_handshake", 0);
        Set("non_mtls_remote_conn_count", 0);
        Set("non_mtls_local_conn_count", 0);
        Set("quorum_size", _quorumSize);
        SetEnsembleFigures();
        Set("last_processed_zxid", tree.LastZxid);
        Set("bytes_received_count", server.BytesReceived);
    }

    private void SetEnsembleFigures()
    {
        var peer = _peer?.Current;
        var leading = peer?.State == Election.ServerState.Leading;
        Set("learners", leading ? peer!.Learners.Count : 0);
        Set("synced_followers", leading ? peer!.Learners.Count(l => l.Synced && !l.Observer) : 0);
        Set("synced_observers", leading ? peer!.Learners.Count(l => l.Synced && l.Observer) : 0);
        Set("leader_uptime", leading ? (DateTime.UtcNow - peer!.Since).TotalMilliseconds : 0);
        Set("looking", peer?.State == Election.ServerState.Looking ? 1 : 0);
        if (_peer is null || !Hosting.NodeActorSystem.RunsCluster(_system))
            return;
        var state = Akka.Cluster.Cluster.Get(_system).State;
        Set("akka_cluster_members", state.Members.Count);
        Set("akka_cluster_unreachable_members", state.Unreachable.Count);
    }

    private void Set(string name, double value) => _gauges[name].Set(value);
}
