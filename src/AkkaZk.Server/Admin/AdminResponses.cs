using System.Globalization;
using System.Runtime.InteropServices;
using AkkaZk.Clients;
using AkkaZk.Config;
using AkkaZk.Database;

namespace AkkaZk.Admin;

/// <summary>The admin commands' JSON bodies with ZooKeeper 3.8's field names, in its order. Pure over the gathered facts.</summary>
public static class AdminResponses
{
    public static string ServerState(NodeSettings s, Zab.PeerStatus? peer = null) =>
        s.IsStandalone ? "standalone" : peer?.Mode ?? "looking";

    /// <summary>ZooKeeper shows the snapshot and log directories with their version-2 folder.</summary>
    private static string VersionDir(string dir) => string.IsNullOrEmpty(dir) ? dir : Path.Combine(dir, "version-2");

    public static Dictionary<string, object?> Configuration(NodeSettings s) => new()
    {
        ["client_port"] = s.ClientPort ?? 0,
        ["data_dir"] = VersionDir(s.DataDir),
        ["data_log_dir"] = VersionDir(s.DataLogDir),
        ["tick_time"] = s.TickTime,
        ["max_client_cnxns"] = s.MaxClientCnxns,
        ["min_session_timeout"] = s.MinSessionTimeout,
        ["max_session_timeout"] = s.MaxSessionTimeout,
        ["server_id"] = s.MyId,
        ["client_port_listen_backlog"] = s.ClientPortListenBacklog,
    };

    public static Dictionary<string, object?> Dirs(NodeSettings s) => new()
    {
        ["datadir_size"] = ServerEnvironment.DirectorySize(s.DataDir),
        ["logdir_size"] = ServerEnvironment.DirectorySize(s.DataLogDir),
    };

    public static Dictionary<string, object?> Environment(NodeSettings s) =>
        ServerEnvironment.Describe(ClientsSettings.DefaultVersion).ToDictionary(p => p.Key, p => (object?)p.Value);

    /// <summary>The JVM's system properties have no .NET twin: the environment's keys, the separators and the -D settings.</summary>
    public static Dictionary<string, object?> SystemProperties(NodeSettings s)
    {
        var body = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["file.encoding"] = "UTF-8",
            ["file.separator"] = Path.DirectorySeparatorChar.ToString(),
            ["line.separator"] = "\n",
            ["path.separator"] = Path.PathSeparator.ToString(),
            ["java.runtime.name"] = RuntimeInformation.FrameworkDescription,
        };
        foreach (var (key, value) in ServerEnvironment.Describe(ClientsSettings.DefaultVersion))
            if (!key.StartsWith("os.memory", StringComparison.Ordinal) && key != "host.name")
                body[key] = value;
        foreach (var (key, value) in s.Extra)
            body[key] = value;
        return new Dictionary<string, object?>(body);
    }

    /// <summary>
    /// icfg: ZooKeeper returns the zoo.cfg text it read. The node keeps only the parsed settings, so this is their
    /// zoo.cfg lines (the main keys, the ensemble and the metrics provider), in zoo.cfg's usual order.
    /// </summary>
    public static string InitialConfiguration(NodeSettings s)
    {
        var lines = new List<string>
        {
            $"tickTime={s.TickTime}",
            $"initLimit={s.InitLimit}",
            $"syncLimit={s.SyncLimit}",
            $"dataDir={s.DataDir}",
        };
        if (s.DataLogDir != s.DataDir)
            lines.Add($"dataLogDir={s.DataLogDir}");
        if (s.ClientPort is { } port)
            lines.Add($"clientPort={port}");
        lines.Add($"clientPortAddress={s.ClientPortAddress}");
        lines.Add($"maxClientCnxns={s.MaxClientCnxns}");
        lines.Add($"4lw.commands.whitelist={string.Join(",", s.FourLetterWordWhitelist.Order(StringComparer.Ordinal))}");
        lines.Add($"admin.enableServer={(s.AdminEnableServer ? "true" : "false")}");
        lines.Add($"admin.serverAddress={s.AdminServerAddress}");
        lines.Add($"admin.serverPort={s.AdminServerPort}");
        foreach (var server in s.Servers)
        {
            var client = server.ClientPort is { } cp ? $";{server.ClientAddress ?? "0.0.0.0"}:{cp}" : "";
            var role = server.Role == PeerRole.Observer ? ":observer" : "";
            lines.Add($"server.{server.Id}={server.Host}:{server.QuorumPort}:{server.ElectionPort}{role}{client}");
        }
        lines.Add($"metricsProvider.className={s.MetricsProviderClassName}");
        foreach (var (key, value) in s.MetricsProperties)
            lines.Add($"metricsProvider.{key}={value}");
        return string.Concat(lines.Select(l => l + "\n"));
    }

    public static Dictionary<string, object?> LastSnapshot(DataTreeProtocol.Stats tree) => new()
    {
        ["zxid"] = tree.LastZxid.ToString("x", CultureInfo.InvariantCulture),
        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    public static Dictionary<string, object?> WatchSummary(DataTreeProtocol.Stats tree) => new()
    {
        ["num_connections"] = tree.Watchers,
        ["num_paths"] = tree.WatchedPaths,
        ["num_total_watches"] = tree.WatchCount,
    };

    /// <summary>ServerCnxn.getConnectionInfo: the brief form for stats, the full one for connections.</summary>
    public static Dictionary<string, object?> Connection(ConnectionSnapshot c, bool brief)
    {
        var address = c.Remote.Address.IsIPv4MappedToIPv6 ? c.Remote.Address.MapToIPv4() : c.Remote.Address;
        var info = new Dictionary<string, object?>
        {
            ["remote_socket_address"] = $"{address}:{c.Remote.Port}",
            ["interest_ops"] = c.InterestOps,
            ["outstanding_requests"] = c.Queued,
            ["packets_received"] = c.Received,
            ["packets_sent"] = c.Sent,
        };
        if (brief)
            return info;
        info["session_id"] = c.SessionId ?? 0;
        info["last_operation"] = c.LastOp;
        info["established"] = c.EstablishedAt;
        info["session_timeout"] = c.Timeout;
        info["last_cxid"] = c.LastCxid;
        info["last_zxid"] = c.LastZxid;
        info["last_response_time"] = c.LastResponseTime;
        info["last_latency"] = c.Latency.Last;
        info["min_latency"] = c.Latency.Min;
        info["avg_latency"] = c.Latency.IntegerAverage;
        info["max_latency"] = c.Latency.Max;
        return info;
    }

    public static Dictionary<string, object?> Connections(ClientsProtocol.Connections connections) => new()
    {
        ["connections"] = connections.Snapshot.Select(c => Connection(c, brief: false)).ToList(),
        ["secure_connections"] = Array.Empty<object>(),
    };

    /// <summary>srvr (server_stats) and, with the brief connections, stat (stats).</summary>
    public static Dictionary<string, object?> ServerStats(
        NodeSettings s, ClientsProtocol.Connections connections, DataTreeProtocol.Stats tree, bool withConnections, Zab.PeerStatus? peer = null)
    {
        var server = connections.Server;
        var responseSizes = new Dictionary<string, object?>
        {
            ["last_buffer_size"] = -1,
            ["min_buffer_size"] = -1,
            ["max_buffer_size"] = -1,
        };
        var body = new Dictionary<string, object?>
        {
            ["version"] = ClientsSettings.DefaultVersion,
            ["read_only"] = false,
            ["server_stats"] = new Dictionary<string, object?>
            {
                ["packets_sent"] = server.PacketsSent,
                ["packets_received"] = server.PacketsReceived,
                ["fsync_threshold_exceed_count"] = 0,
                ["client_response_stats"] = responseSizes,
                ["data_dir_size"] = ServerEnvironment.DirectorySize(s.DataDir),
                ["log_dir_size"] = ServerEnvironment.DirectorySize(s.DataLogDir),
                ["provider_null"] = false,
                ["server_state"] = ServerState(s, peer),
                ["last_processed_zxid"] = tree.LastZxid,
                ["outstanding_requests"] = server.Outstanding,
                ["avg_latency"] = server.Latency.Average,
                ["max_latency"] = server.Latency.Max,
                ["min_latency"] = server.Latency.Min,
                ["num_alive_client_connections"] = connections.Snapshot.Count,
                ["uptime"] = server.UptimeMs,
                ["auth_failed_count"] = server.AuthFailed,
                ["non_mtlsremote_conn_count"] = 0,
                ["non_mtlslocal_conn_count"] = 0,
            },
            ["client_response"] = responseSizes,
            ["node_count"] = tree.NodeCount,
        };
        if (withConnections)
        {
            body["connections"] = connections.Snapshot.Select(c => Connection(c, brief: true)).ToList();
            body["secure_connections"] = Array.Empty<object>();
        }
        return body;
    }

    /// <summary>monitor: mntr's key/value lines without the zk_ prefix, numbers as JSON numbers.</summary>
    public static Dictionary<string, object?> Monitor(NodeSettings s, ClientsProtocol.Connections connections, DataTreeProtocol.Stats tree, Zab.PeerStatus? peer = null)
    {
        var inputs = new FourLetterWordInputs(
            new ClientsSettings
            {
                ServerState = () => ServerState(s, peer),
                DataDir = s.DataDir,
                DataLogDir = s.DataLogDir,
                Peer = peer,
                QuorumSize = s.ParticipantCount,
            },
            s.ClientPort ?? 0, connections.Server, connections.Snapshot, tree, null, DateTimeOffset.UtcNow, 0, 0, [],
            ServerEnvironment.OpenFileDescriptors(), ServerEnvironment.MaxFileDescriptors());
        return ParseMntr(FourLetterWordResponder.Respond("mntr", inputs));
    }

    public static Dictionary<string, object?> ParseMntr(string text)
    {
        var body = new Dictionary<string, object?>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t');
            if (tab < 0)
                continue;
            var key = line[..tab];
            key = key.StartsWith("zk_", StringComparison.Ordinal) ? key[3..] : key;
            var value = line[(tab + 1)..];
            body[key] = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
                : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
                : value;
        }
        return body;
    }

    /// <summary>
    /// dump: sessions by expiry time (bucketed by tick, as ZooKeeper's ExpiryQueue does) and each session's ephemerals,
    /// read from the data tree's text dump.
    /// </summary>
    public static Dictionary<string, object?> Dump(string text, int tickTime)
    {
        var expiry = new SortedDictionary<long, List<long>>();
        var ephemerals = new Dictionary<string, object?>();
        var now = System.Environment.TickCount64;
        List<string>? current = null;
        var inEphemerals = false;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("ephemeral nodes dump", StringComparison.Ordinal))
                inEphemerals = true;
            else if (!inEphemerals && line.StartsWith("\t0x", StringComparison.Ordinal))
            {
                var parts = line.Trim().Split(' ');
                var id = ParseHex(parts[0]);
                var timeout = parts.Length > 2 && long.TryParse(parts[2], out var t) ? t : 0;
                var at = (now + timeout) / tickTime * tickTime + tickTime;
                if (!expiry.TryGetValue(at, out var ids))
                    expiry[at] = ids = [];
                ids.Add(id);
            }
            else if (inEphemerals && line.StartsWith("0x", StringComparison.Ordinal) && line.EndsWith(':'))
                ephemerals[ParseHex(line[..^1]).ToString(CultureInfo.InvariantCulture)] = current = [];
            else if (inEphemerals && line.StartsWith('\t') && current is not null)
                current.Add(line[1..]);
        }
        return new Dictionary<string, object?>
        {
            ["expiry_time_to_session_ids"] = expiry.ToDictionary(e => e.Key.ToString(CultureInfo.InvariantCulture), e => (object?)e.Value),
            ["session_id_to_ephemeral_paths"] = ephemerals,
        };
    }

    /// <summary>
    /// wchc / wchp text ("header\n\tentry\n...") as a JSON map: session ids (decimal keys) → paths, or paths → session ids.
    /// </summary>
    public static Dictionary<string, object?> GroupedDump(string text, bool headerIsSession)
    {
        var body = new Dictionary<string, object?>();
        List<object>? current = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith('\t'))
            {
                var key = headerIsSession ? ParseHex(line).ToString(CultureInfo.InvariantCulture) : line;
                body[key] = current = [];
            }
            else if (current is not null)
                current.Add(headerIsSession ? line[1..] : ParseHex(line[1..]));
        }
        return body;
    }

    private static long ParseHex(string value) =>
        long.Parse(value.StartsWith("0x", StringComparison.Ordinal) ? value[2..] : value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
