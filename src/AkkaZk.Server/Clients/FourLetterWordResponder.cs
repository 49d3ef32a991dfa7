using System.Globalization;
using System.Net;
using System.Text;
using AkkaZk.Database;

namespace AkkaZk.Clients;

/// <summary>Everything a four-letter word's answer is built from, gathered by the connection that received it.</summary>
public sealed record FourLetterWordInputs(
    ClientsSettings Settings,
    int ClientPort,
    ServerStatsSnapshot Server,
    IReadOnlyList<ConnectionSnapshot> Connections,
    DataTreeProtocol.Stats? Tree,
    string? TreeText,
    DateTimeOffset Now,
    long DataDirSize,
    long DataLogSize,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    long OpenFileDescriptors,
    long MaxFileDescriptors);

/// <summary>
/// The answers of the four-letter words in ZooKeeper 3.8's exact text formats (monitoring tools parse srvr and mntr).
/// Pure: the connection gathers <see cref="FourLetterWordInputs"/> and writes the string back as ASCII.
/// </summary>
public static class FourLetterWordResponder
{
    /// <summary>Commands whose answer needs the data tree's <see cref="DataTreeProtocol.Stats"/>.</summary>
    public static bool NeedsTreeStats(string command) => command is "srvr" or "stat" or "mntr" or "wchs";

    /// <summary>Commands whose answer is (or starts with) the data tree's <see cref="DataTreeProtocol.GetText"/> dump.</summary>
    public static bool NeedsTreeText(string command) => command is "dump" or "wchc" or "wchp";

    /// <summary>The answer to a command that is not whitelisted (NopCommand prints it with a newline).</summary>
    public static string NotWhitelisted(string command) => $"{command} is not executed because it is not in the whitelist.\n";

    public const string NotServing = Admin.AdminDispatch.NotServing + "\n";

    /// <summary>The commands that need a running server (ZooKeeper's isZKServerRunning check).</summary>
    public static bool NeedsServer(string command) =>
        command is "conf" or "cons" or "crst" or "srst" or "dump" or "srvr" or "stat" or "wchs" or "wchc" or "wchp" or "mntr" or "dirs";

    public static string Respond(string command, FourLetterWordInputs inputs)
    {
        if (inputs.Settings.IsServing())
            return RespondServing(command, inputs);
        // ruok is a health check: silent until the server serves (AkkaZk's choice; ZooKeeper says imok while running)
        return command switch
        {
            "ruok" => "",
            "isro" => "null",
            _ when NeedsServer(command) => NotServing,
            _ => RespondServing(command, inputs),
        };
    }

    private static string RespondServing(string command, FourLetterWordInputs inputs) => command switch
    {
        "ruok" => "imok",
        "isro" => inputs.Settings.IsReadOnly() ? "ro" : "rw",
        "gtmk" => "306",
        "conf" => Conf(inputs),
        "cons" => Cons(inputs.Connections),
        "crst" => "Connection stats reset.\n",
        "srst" => "Server stats reset.\n",
        "dump" => Dump(inputs),
        "envi" => Envi(inputs.Environment),
        "srvr" => Srvr(inputs, withClients: false),
        "stat" => Srvr(inputs, withClients: true),
        "wchs" => Wchs(inputs.Tree),
        "wchc" or "wchp" => inputs.TreeText ?? "",
        "mntr" => Mntr(inputs),
        "dirs" => $"datadir_size: {inputs.DataDirSize}\nlogdir_size: {inputs.DataLogSize}\n",
        _ => throw new ArgumentException($"unknown four-letter word '{command}'", nameof(command)),
    };

    private static string Conf(FourLetterWordInputs inputs)
    {
        var s = inputs.Settings;
        var sb = new StringBuilder();
        sb.Append("clientPort=").Append(inputs.ClientPort).Append('\n');
        sb.Append("secureClientPort=-1\n");
        sb.Append("dataDir=").Append(s.DataDir).Append('\n');
        sb.Append("dataDirSize=").Append(inputs.DataDirSize).Append('\n');
        sb.Append("dataLogDir=").Append(s.DataLogDir).Append('\n');
        sb.Append("dataLogSize=").Append(inputs.DataLogSize).Append('\n');
        sb.Append("tickTime=").Append(s.TickTime).Append('\n');
        sb.Append("maxClientCnxns=").Append(s.MaxClientCnxns).Append('\n');
        sb.Append("minSessionTimeout=").Append(s.EffectiveMinSessionTimeout).Append('\n');
        sb.Append("maxSessionTimeout=").Append(s.EffectiveMaxSessionTimeout).Append('\n');
        sb.Append("clientPortListenBacklog=").Append(s.ClientPortListenBacklog).Append('\n');
        sb.Append("serverId=").Append(s.ServerId).Append('\n');
        if (s.QuorumConf is { } quorum)
            return sb.Append(quorum).ToString(); // ZooKeeper ends it with the membership's "version=0", no newline
        return sb.ToString();
    }

    /// <summary>cons: every connection in full, then an empty line.</summary>
    public static string Cons(IReadOnlyList<ConnectionSnapshot> connections)
    {
        var sb = new StringBuilder();
        foreach (var c in connections)
            AppendConnection(sb, c, brief: false).Append('\n');
        return sb.Append('\n').ToString();
    }

    /// <summary>One connection as ServerCnxn.dumpConnectionInfo prints it.</summary>
    public static StringBuilder AppendConnection(StringBuilder sb, ConnectionSnapshot c, bool brief)
    {
        sb.Append(' ').Append(JavaAddress(c.Remote)).Append('[').Append(c.InterestOps.ToString("x", CultureInfo.InvariantCulture))
            .Append("](queued=").Append(c.Queued).Append(",recved=").Append(c.Received).Append(",sent=").Append(c.Sent);
        if (!brief && c.SessionId is { } sid and not 0)
        {
            sb.Append(",sid=0x").Append(Hex(sid)).Append(",lop=").Append(c.LastOp).Append(",est=").Append(c.EstablishedAt)
                .Append(",to=").Append(c.Timeout);
            if (c.LastCxid >= 0)
                sb.Append(",lcxid=0x").Append(Hex(c.LastCxid));
            sb.Append(",lzxid=0x").Append(Hex(c.LastZxid)).Append(",lresp=").Append(c.LastResponseTime)
                .Append(",llat=").Append(c.Latency.Last).Append(",minlat=").Append(c.Latency.Min)
                .Append(",avglat=").Append(c.Latency.IntegerAverage).Append(",maxlat=").Append(c.Latency.Max);
        }
        return sb.Append(')');
    }

    private static string Srvr(FourLetterWordInputs inputs, bool withClients)
    {
        var server = inputs.Server;
        var sb = new StringBuilder();
        sb.Append("Zookeeper version: ").Append(inputs.Settings.Version).Append('\n');
        if (withClients)
        {
            sb.Append("Clients:\n");
            foreach (var c in inputs.Connections)
                AppendConnection(sb, c, brief: true).Append('\n');
            sb.Append('\n');
        }
        sb.Append("Latency min/avg/max: ").Append(server.Latency.Min).Append('/').Append(JavaDouble(server.Latency.Average))
            .Append('/').Append(server.Latency.Max).Append('\n');
        sb.Append("Received: ").Append(server.PacketsReceived).Append('\n');
        sb.Append("Sent: ").Append(server.PacketsSent).Append('\n');
        sb.Append("Connections: ").Append(inputs.Connections.Count).Append('\n');
        sb.Append("Outstanding: ").Append(server.Outstanding).Append('\n');
        sb.Append("Zxid: 0x").Append(Hex(inputs.Tree?.LastZxid ?? 0)).Append('\n');
        sb.Append("Mode: ").Append(inputs.Settings.ServerState()).Append('\n');
        sb.Append("Node count: ").Append(inputs.Tree?.NodeCount ?? 0).Append('\n');
        if (inputs.Settings.Peer?.Current.State == Election.ServerState.Leading)
            sb.Append("Proposal sizes last/min/max: -1/-1/-1\n"); // ZooKeeper's figures before any proposal; not measured yet
        return sb.ToString();
    }

    private static string Wchs(DataTreeProtocol.Stats? tree) =>
        $"{tree?.Watchers ?? 0} connections watching {tree?.WatchedPaths ?? 0} paths\nTotal watches:{tree?.WatchCount ?? 0}\n";

    /// <summary>
    /// dump: the data tree's part (session tracker and ephemerals) followed by the connections, which only this
    /// concern knows. All connections are shown as one expiry set due one tick from now.
    /// </summary>
    private static string Dump(FourLetterWordInputs inputs)
    {
        var sb = new StringBuilder(inputs.TreeText ?? "");
        var expiry = inputs.Now.AddMilliseconds(inputs.Settings.TickTime);
        sb.Append("Connections dump:\n");
        sb.Append("Connections Sets (1)/(").Append(inputs.Connections.Count).Append("):\n");
        sb.Append(inputs.Connections.Count).Append(" expire at ").Append(JavaDate(expiry)).Append(":\n");
        foreach (var c in inputs.Connections)
            sb.Append("\tip: ").Append(JavaAddress(c.Remote)).Append(" sessionId: 0x").Append(Hex(c.SessionId ?? 0)).Append('\n');
        return sb.ToString();
    }

    private static string Envi(IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        var sb = new StringBuilder("Environment:\n");
        foreach (var (key, value) in environment)
            sb.Append(key).Append('=').Append(value).Append('\n');
        return sb.ToString();
    }

    private static string Mntr(FourLetterWordInputs inputs)
    {
        var server = inputs.Server;
        var tree = inputs.Tree;
        var sb = new StringBuilder();
        void Line(string key, object value) => sb.Append("zk_").Append(key).Append('\t').Append(value).Append('\n');

        Line("version", inputs.Settings.Version);
        Line("server_state", inputs.Settings.ServerState());
        if (inputs.Settings.Peer is { } peer)
            AppendPeerLines(Line, peer.Current, inputs.Settings.QuorumSize);
        Line("ephemerals_count", tree?.EphemeralsCount ?? 0);
        Line("num_alive_connections", inputs.Connections.Count);
        Line("avg_latency", JavaDouble(server.Latency.Average));
        Line("outstanding_requests", server.Outstanding);
        Line("znode_count", tree?.NodeCount ?? 0);
        Line("global_sessions", tree?.Sessions.Count ?? 0);
        Line("non_mtls_remote_conn_count", 0);
        Line("last_client_response_size", -1);
        Line("packets_sent", server.PacketsSent);
        Line("packets_received", server.PacketsReceived);
        Line("max_client_response_size", -1);
        Line("connection_drop_probability", "0.0");
        Line("watch_count", tree?.WatchCount ?? 0);
        Line("auth_failed_count", server.AuthFailed);
        Line("min_latency", server.Latency.Min);
        Line("max_file_descriptor_count", inputs.MaxFileDescriptors);
        Line("approximate_data_size", tree?.ApproximateDataSize ?? 0);
        Line("open_file_descriptor_count", inputs.OpenFileDescriptors);
        Line("local_sessions", 0);
        Line("uptime", server.UptimeMs);
        Line("max_latency", server.Latency.Max);
        Line("outstanding_tls_handshake", 0);
        Line("min_client_response_size", -1);
        Line("non_mtls_local_conn_count", 0);
        Line("proposal_count", 0);
        // ZooKeeper's metrics registry; the ones this server does not measure yet read as ZooKeeper's idle values.
        foreach (var name in MntrMetricNames.Counters)
            Line(name, name switch
            {
                "bytes_received_count" => server.BytesReceived,
                "connection_revalidate_count" => server.ConnectionRevalidates,
                "revalidate_count" => server.Revalidates,
                _ => 0,
            });
        foreach (var name in MntrMetricNames.Summaries)
            AppendIdleSummary(sb, name, percentiles: false);
        foreach (var name in MntrMetricNames.PercentileSummaries)
            AppendIdleSummary(sb, name, percentiles: true);
        foreach (var name in MntrMetricNames.NamespaceSummaries)
            AppendIdleSummary(sb, name, percentiles: false);
        return sb.ToString();
    }

    /// <summary>mntr's ensemble figures: the peer state, and on the leader its learners and how many are synced.</summary>
    private static void AppendPeerLines(Action<string, object> line, Zab.PeerStatus.Snapshot peer, int quorumSize)
    {
        line("peer_state", peer.State switch
        {
            Election.ServerState.Leading => "leading - broadcast",
            Election.ServerState.Following => "following - broadcast",
            Election.ServerState.Observing => "observing - broadcast",
            _ => "looking",
        });
        line("quorum_size", quorumSize);
        if (peer.State != Election.ServerState.Leading)
            return;
        line("learners", peer.Learners.Count);
        line("synced_followers", peer.Learners.Count(l => l.Synced && !l.Observer));
        line("synced_non_voting_followers", 0);
        line("synced_observers", peer.Learners.Count(l => l.Synced && l.Observer));
        line("pending_syncs", 0);
        line("leader_uptime", (long)(DateTime.UtcNow - peer.Since).TotalMilliseconds);
    }

    private static void AppendIdleSummary(StringBuilder sb, string name, bool percentiles)
    {
        sb.Append("zk_avg_").Append(name).Append("\t0.0\n");
        sb.Append("zk_min_").Append(name).Append("\t0\n");
        sb.Append("zk_max_").Append(name).Append("\t0\n");
        sb.Append("zk_cnt_").Append(name).Append("\t0\n");
        sb.Append("zk_sum_").Append(name).Append("\t0\n");
        if (!percentiles)
            return;
        foreach (var p in (string[])["p50", "p95", "p99", "p999"])
            sb.Append("zk_").Append(p).Append('_').Append(name).Append("\t0\n");
    }

    /// <summary>Long.toHexString: two's complement for negatives, lower case, no padding.</summary>
    public static string Hex(long value) => value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Java's Double.toString for the small, 4-decimal values shown here: at least one decimal.</summary>
    public static string JavaDouble(double value) => value.ToString("0.0###", CultureInfo.InvariantCulture);

    /// <summary>InetSocketAddress.toString for a numeric address: "/127.0.0.1:2181".</summary>
    public static string JavaAddress(IPEndPoint endpoint)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        return $"/{address}:{endpoint.Port}";
    }

    /// <summary>java.util.Date.toString in UTC: "Thu Nov 26 22:44:43 UTC 2026".</summary>
    public static string JavaDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
