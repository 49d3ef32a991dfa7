namespace AkkaZk.Config;

/// <summary>
/// Everything one node needs from its configuration, after ZooKeeper's defaults and derivations were applied
/// (effective session timeouts, dataLogDir falling back to dataDir, client port from this server's line).
/// Names follow ZooKeeper's keys. Built only by <see cref="ZooCfgParser"/> and the HOCON loader, both validated.
/// Collections compare by value, so two sources that mean the same thing give equal settings.
/// </summary>
public sealed record NodeSettings
{
    public int TickTime { get; init; } = ZkDefaults.TickTime;
    public int InitLimit { get; init; } = ZkDefaults.InitLimit;
    public int SyncLimit { get; init; } = ZkDefaults.SyncLimit;
    public int ConnectToLearnerMasterLimit { get; init; } = ZkDefaults.ConnectToLearnerMasterLimit;

    /// <summary>As written; a relative path is relative to the process's current directory, as in ZooKeeper.</summary>
    public required string DataDir { get; init; }

    /// <summary>The txn log directory; equals <see cref="DataDir"/> when zoo.cfg has no dataLogDir.</summary>
    public required string DataLogDir { get; init; }

    /// <summary>The port clients connect to; null when the node has no plain client port.</summary>
    public int? ClientPort { get; init; }
    public string ClientPortAddress { get; init; } = ZkDefaults.AnyAddress;
    public int? SecureClientPort { get; init; }
    public string SecureClientPortAddress { get; init; } = ZkDefaults.AnyAddress;
    public int ClientPortListenBacklog { get; init; } = ZkDefaults.ClientPortListenBacklog;
    public int? ObserverMasterPort { get; init; }
    public int MaxClientCnxns { get; init; } = ZkDefaults.MaxClientCnxns;
    public int MaxCnxns { get; init; } = ZkDefaults.MaxCnxns;

    /// <summary>Effective value in ms (zoo.cfg's -1 already turned into 2 × tickTime).</summary>
    public int MinSessionTimeout { get; init; } = ZkDefaults.MinSessionTimeoutTicks * ZkDefaults.TickTime;

    /// <summary>Effective value in ms (zoo.cfg's -1 already turned into 20 × tickTime).</summary>
    public int MaxSessionTimeout { get; init; } = ZkDefaults.MaxSessionTimeoutTicks * ZkDefaults.TickTime;

    public int SnapCount { get; init; } = ZkDefaults.SnapCount;
    public long PreAllocSizeKb { get; init; } = ZkDefaults.PreAllocSizeKb;
    public int AutopurgeSnapRetainCount { get; init; } = ZkDefaults.AutopurgeSnapRetainCount;
    public int AutopurgePurgeIntervalHours { get; init; } = ZkDefaults.AutopurgePurgeIntervalHours;
    public int GlobalOutstandingLimit { get; init; } = ZkDefaults.GlobalOutstandingLimit;

    /// <summary>znode.container.checkIntervalMs: how often empty containers and expired TTL nodes are deleted.</summary>
    public int ContainerCheckIntervalMs { get; init; } = ZkDefaults.ContainerCheckIntervalMs;

    /// <summary>zookeeper.commitLogCount: recent txns a leader keeps to sync a follower by DIFF instead of a snapshot.</summary>
    public int CommitLogCount { get; init; } = ZkDefaults.CommitLogCount;

    /// <summary>The server.N lines, ordered by id.</summary>
    public IReadOnlyList<ServerSpec> Servers { get; init => field = value.OrderBy(s => s.Id).ToValueList(); } = ValueList<ServerSpec>.Empty;

    /// <summary>group.N = server ids (hierarchical quorums); empty for majority quorums.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<long>> Groups
    {
        get;
        init => field = value.Select(g => KeyValuePair.Create(g.Key, (IReadOnlyList<long>)g.Value.ToValueList())).ToValueMap();
    } = ValueMap<long, IReadOnlyList<long>>.Empty;

    /// <summary>weight.N = weight of server N (hierarchical quorums).</summary>
    public IReadOnlyDictionary<long, long> Weights { get; init => field = value.ToValueMap(); } = ValueMap<long, long>.Empty;

    /// <summary>This server's id from dataDir/myid; 0 when standalone without a myid file.</summary>
    public long MyId { get; init; }

    /// <summary>The effective role: the servers list wins over peerType, as in ZooKeeper.</summary>
    public PeerRole PeerType { get; init; } = PeerRole.Participant;

    public bool StandaloneEnabled { get; init; } = ZkDefaults.StandaloneEnabled;
    public bool ReconfigEnabled { get; init; } = ZkDefaults.ReconfigEnabled;
    public int ElectionAlg { get; init; } = ZkDefaults.ElectionAlg;
    public bool QuorumListenOnAllIPs { get; init; } = ZkDefaults.QuorumListenOnAllIPs;

    /// <summary>Enabled four letter words: the whitelist plus "srvr" (and "isro" in read-only mode), or just "*" for all.</summary>
    public IReadOnlySet<string> FourLetterWordWhitelist { get; init => field = value.ToValueSet(); } =
        new[] { ZkDefaults.AlwaysEnabledFourLetterWord }.ToValueSet();

    public bool AdminEnableServer { get; init; } = ZkDefaults.AdminEnableServer;
    public string AdminServerAddress { get; init; } = ZkDefaults.AdminServerAddress;
    public int AdminServerPort { get; init; } = ZkDefaults.AdminServerPort;
    public string AdminCommandUrl { get; init; } = ZkDefaults.AdminCommandUrl;
    public bool LocalSessionsEnabled { get; init; } = ZkDefaults.LocalSessionsEnabled;
    public bool LocalSessionsUpgradingEnabled { get; init; } = ZkDefaults.LocalSessionsUpgradingEnabled;
    public bool SyncEnabled { get; init; } = ZkDefaults.SyncEnabled;
    public bool ForceSync { get; init; } = ZkDefaults.ForceSync;

    /// <summary>Largest packet or znode payload in bytes (-Djute.maxbuffer only, as in ZooKeeper).</summary>
    public int JuteMaxBuffer { get; init; } = ZkDefaults.JuteMaxBuffer;

    public string MetricsProviderClassName { get; init; } = ZkDefaults.MetricsProviderClassName;
    public int MetricsHttpPort { get; init; } = ZkDefaults.MetricsHttpPort;

    /// <summary>Other metricsProvider.* keys, without the prefix.</summary>
    public IReadOnlyDictionary<string, string> MetricsProperties { get; init => field = value.ToValueMap(); } = ValueMap<string, string>.Empty;

    /// <summary>Auth scheme names (digest, ip, sasl, x509, ...); a class name we do not know is kept as written.</summary>
    public IReadOnlySet<string> AuthProviders { get; init => field = value.ToValueSet(); } = ZkDefaults.BuiltInAuthSchemes.ToValueSet();

    /// <summary>zookeeper.DigestAuthenticationProvider.superDigest ("super:&lt;base64 sha1&gt;"), or null.</summary>
    public string? SuperDigest { get; init; }

    public bool ReadOnlyModeEnabled { get; init; } = ZkDefaults.ReadOnlyModeEnabled;
    public bool ExtendedTypesEnabled { get; init; } = ZkDefaults.ExtendedTypesEnabled;
    public bool SkipAcl { get; init; } = ZkDefaults.SkipAcl;

    /// <summary>"" (plain, checked), "gz" or "snappy".</summary>
    public string SnapshotCompressionMethod { get; init; } = ZkDefaults.SnapshotCompressionMethod;

    /// <summary>Keys ZooKeeper reads itself that AkkaZk accepts but does not act on (sslQuorum, quorum.auth.*, ...).</summary>
    public IReadOnlyDictionary<string, string> Unsupported { get; init => field = value.ToValueMap(); } = ValueMap<string, string>.Empty;

    /// <summary>Every other key, named as ZooKeeper keeps it: zoo.cfg's <c>foo</c> becomes <c>zookeeper.foo</c>.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init => field = value.ToValueMap(); } = ValueMap<string, string>.Empty;

    /// <summary>Things worth a log line at startup (ignored or corrected values). Not settings themselves.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = value.ToValueList(); } = ValueList<string>.Empty;

    /// <summary>
    /// True when the node runs alone: no server lines, or a single participant with standaloneEnabled
    /// (ZooKeeper's !isDistributed()).
    /// </summary>
    public bool IsStandalone =>
        Servers.Count == 0 || (StandaloneEnabled && ParticipantCount == 1);

    /// <summary>How many servers vote (mntr's zk_quorum_size); 0 without server lines.</summary>
    public int ParticipantCount => Servers.Count(s => s.Role == PeerRole.Participant);

    /// <summary>This node's server line, or null.</summary>
    public ServerSpec? Self => Servers.FirstOrDefault(s => s.Id == MyId);

    /// <summary>Whether ZooKeeper would answer this four letter word.</summary>
    public bool IsFourLetterWordEnabled(string command) =>
        FourLetterWordWhitelist.Contains(ZkDefaults.AllFourLetterWords)
            ? ZkDefaults.FourLetterWords.Contains(command)
            : FourLetterWordWhitelist.Contains(command);

    /// <summary>
    /// Validated settings of a standalone node with ZooKeeper's defaults (handy in tests), as if from a zoo.cfg with
    /// just dataDir, clientPort and clientPortAddress. Change more with <c>with { ... }</c>.
    /// </summary>
    public static NodeSettings Standalone(string dataDir, int clientPort, string clientPortAddress = ZkDefaults.AnyAddress) =>
        NodeSettingsValidator.Complete(
            new NodeSettings
            {
                DataDir = dataDir,
                DataLogDir = dataDir,
                ClientPort = clientPort,
                ClientPortAddress = clientPortAddress,
                MinSessionTimeout = ZkDefaults.SessionTimeoutUnset,
                MaxSessionTimeout = ZkDefaults.SessionTimeoutUnset,
            },
            (key, problem) => new ConfigException(nameof(Standalone), null, key, problem));

    /// <summary>The lines a node logs at startup: ports, directories, peers, limits.</summary>
    public IReadOnlyList<string> Describe() => NodeSettingsDescription.Lines(this);
}
