namespace AkkaZk.Config;

using HoconConfig = Akka.Configuration.Config;

/// <summary>
/// Reads <see cref="NodeSettings"/> from the <c>akkazk</c> section of a HOCON config (the node's .conf over
/// reference.conf) and validates it exactly as a zoo.cfg is validated. A bad value names the file and HOCON key.
/// </summary>
public static class NodeSettingsLoader
{
    /// <param name="config">The node's config, with <see cref="ReferenceConfig.Load"/> as fallback.</param>
    /// <param name="fileName">Name used in error messages (the .conf file).</param>
    /// <param name="readMyId">When my-id is 0 and servers are listed, reads dataDir/myid like a zoo.cfg node; null skips it.</param>
    public static NodeSettings FromConfig(HoconConfig config, string fileName = "node.conf", Func<string, string?>? readMyId = null)
    {
        var r = new HoconSettingReader(config, fileName);
        var draft = new NodeSettings
        {
            TickTime = r.Int(HoconKeys.TickTime),
            InitLimit = r.Int(HoconKeys.InitLimit),
            SyncLimit = r.Int(HoconKeys.SyncLimit),
            ConnectToLearnerMasterLimit = r.Int(HoconKeys.ConnectToLearnerMasterLimit),
            DataDir = r.String(HoconKeys.DataDir),
            DataLogDir = r.String(HoconKeys.DataLogDir),
            ClientPort = PortOrUnset(r.Int(HoconKeys.ClientPort)),
            ClientPortAddress = r.String(HoconKeys.ClientPortAddress),
            SecureClientPort = PortOrUnset(r.Int(HoconKeys.SecureClientPort)),
            SecureClientPortAddress = r.String(HoconKeys.SecureClientPortAddress),
            ClientPortListenBacklog = r.Int(HoconKeys.ClientPortListenBacklog),
            ObserverMasterPort = PortOrUnset(r.Int(HoconKeys.ObserverMasterPort)),
            MaxClientCnxns = r.Int(HoconKeys.MaxClientCnxns),
            MaxCnxns = r.Int(HoconKeys.MaxCnxns),
            MinSessionTimeout = r.Int(HoconKeys.MinSessionTimeout),
            MaxSessionTimeout = r.Int(HoconKeys.MaxSessionTimeout),
            SnapCount = r.Int(HoconKeys.SnapCount),
            PreAllocSizeKb = r.Long(HoconKeys.PreAllocSize),
            AutopurgeSnapRetainCount = r.Int(HoconKeys.AutopurgeSnapRetainCount),
            AutopurgePurgeIntervalHours = r.Int(HoconKeys.AutopurgePurgeInterval),
            GlobalOutstandingLimit = r.Int(HoconKeys.GlobalOutstandingLimit),
            ContainerCheckIntervalMs = r.Int(HoconKeys.ContainerCheckIntervalMs),
            CommitLogCount = r.Int(HoconKeys.CommitLogCount),
            MyId = r.Long(HoconKeys.MyId),
            PeerType = Role(r, HoconSettingReader.PathOf(HoconKeys.PeerType), r.String(HoconKeys.PeerType)),
            Servers = Servers(r),
            Groups = Groups(r),
            Weights = Weights(r),
            StandaloneEnabled = r.Bool(HoconKeys.StandaloneEnabled),
            ReconfigEnabled = r.Bool(HoconKeys.ReconfigEnabled),
            ElectionAlg = r.Int(HoconKeys.ElectionAlg),
            QuorumListenOnAllIPs = r.Bool(HoconKeys.QuorumListenOnAllIps),
            FourLetterWordWhitelist = r.StringList(HoconKeys.FourLetterWordsWhitelist).ToValueSet(),
            AdminEnableServer = r.Bool(HoconKeys.AdminEnableServer),
            AdminServerAddress = r.String(HoconKeys.AdminServerAddress),
            AdminServerPort = r.Int(HoconKeys.AdminServerPort),
            AdminCommandUrl = r.String(HoconKeys.AdminCommandUrl),
            LocalSessionsEnabled = r.Bool(HoconKeys.LocalSessionsEnabled),
            LocalSessionsUpgradingEnabled = r.Bool(HoconKeys.LocalSessionsUpgradingEnabled),
            SyncEnabled = r.Bool(HoconKeys.SyncEnabled),
            ForceSync = r.Bool(HoconKeys.ForceSync),
            JuteMaxBuffer = r.Int(HoconKeys.JuteMaxBuffer),
            MetricsProviderClassName = r.String(HoconKeys.MetricsProviderClassName),
            MetricsHttpPort = r.Int(HoconKeys.MetricsProviderHttpPort),
            MetricsProperties = r.StringMap(HoconKeys.MetricsProviderProperties),
            AuthProviders = r.StringList(HoconKeys.AuthProviders).ToValueSet(),
            SuperDigest = r.String(HoconKeys.SuperDigest) is { Length: > 0 } digest ? digest : null,
            ReadOnlyModeEnabled = r.Bool(HoconKeys.ReadOnlyModeEnabled),
            ExtendedTypesEnabled = r.Bool(HoconKeys.ExtendedTypesEnabled),
            SkipAcl = r.Bool(HoconKeys.SkipAcl),
            SnapshotCompressionMethod = CompressionMethod(r),
            Unsupported = r.StringMap(HoconKeys.Unsupported),
            Extra = r.StringMap(HoconKeys.ZooKeeper).ToDictionary(kv => "zookeeper." + kv.Key, kv => kv.Value),
        };

        var unknown = HoconUnknownKeys.Find(config);
        if (unknown.Count > 0)
        {
            draft = draft with { Warnings = unknown.Select(k => $"{fileName}: unknown key '{k}' is ignored").ToList() };
        }

        if (draft.MyId == 0 && draft.Servers.Count > 0 && readMyId is not null)
        {
            var path = Path.Combine(draft.DataDir, "myid");
            if (readMyId(path) is { } text)
            {
                var firstLine = text.Split('\n')[0].Trim();
                draft = draft with { MyId = long.TryParse(firstLine, out var id) ? id : throw new ConfigException(path, 1, null, $"serverid '{firstLine}' is not a number") };
            }
        }

        return NodeSettingsValidator.Complete(draft, (key, problem) => new ConfigException(fileName, null, HoconKeys.PathOf(key), problem));
    }

    private static int? PortOrUnset(int port) => port == 0 ? null : port;

    private static PeerRole Role(HoconSettingReader r, string path, string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "participant" => PeerRole.Participant,
            "observer" => PeerRole.Observer,
            _ => throw r.Fail(path, $"unknown peer type '{text}' (participant or observer)"),
        };

    private static string CompressionMethod(HoconSettingReader r)
    {
        var method = r.String(HoconKeys.SnapshotCompressionMethod);
        return method is "" or "gz" or "snappy"
            ? method
            : throw r.Fail(HoconSettingReader.PathOf(HoconKeys.SnapshotCompressionMethod), $"'{method}' is not \"\", \"gz\" or \"snappy\"");
    }

    private static List<ServerSpec> Servers(HoconSettingReader r)
    {
        var path = HoconSettingReader.PathOf(HoconKeys.Servers);
        return r.Array(path).Select((value, i) =>
        {
            var item = new HoconObjectReader(r, value, $"{path}[{i}]");
            var clientPort = item.OptionalInt("client-port");
            return new ServerSpec(
                item.Long("id"),
                item.String("host"),
                item.Int("quorum-port"),
                item.Int("election-port"),
                item.Optional("role") is { } role ? Role(r, item.PathOf("role"), role) : PeerRole.Participant,
                clientPort is null or 0 ? null : item.Optional("client-address") ?? ZkDefaults.AnyAddress,
                clientPort is null or 0 ? null : clientPort);
        }).ToList();
    }

    private static Dictionary<long, IReadOnlyList<long>> Groups(HoconSettingReader r)
    {
        var path = HoconSettingReader.PathOf(HoconKeys.Groups);
        var groups = new Dictionary<long, IReadOnlyList<long>>();
        foreach (var (value, i) in r.Array(path).Select((v, i) => (v, i)))
        {
            var item = new HoconObjectReader(r, value, $"{path}[{i}]");
            groups[item.Long("id")] = item.LongList("members");
        }

        return groups;
    }

    private static Dictionary<long, long> Weights(HoconSettingReader r)
    {
        var path = HoconSettingReader.PathOf(HoconKeys.Weights);
        var weights = new Dictionary<long, long>();
        foreach (var (value, i) in r.Array(path).Select((v, i) => (v, i)))
        {
            var item = new HoconObjectReader(r, value, $"{path}[{i}]");
            weights[item.Long("server")] = item.Long("weight");
        }

        return weights;
    }
}
