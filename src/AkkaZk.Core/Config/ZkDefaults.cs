namespace AkkaZk.Config;

/// <summary>
/// Apache ZooKeeper 3.8's defaults for every setting (QuorumPeerConfig fields, the system properties its server
/// classes read). hocon/reference.conf holds the same values; a test keeps the two equal.
/// </summary>
public static class ZkDefaults
{
    public const int TickTime = 3000;                      // ZooKeeperServer.DEFAULT_TICK_TIME
    public const int InitLimit = 0;                        // unset; required in an ensemble
    public const int SyncLimit = 0;                        // unset; required in an ensemble
    public const int ConnectToLearnerMasterLimit = 0;      // 0 = use initLimit
    public const string AnyAddress = "0.0.0.0";
    public const int ClientPortListenBacklog = -1;         // -1 = the OS default
    public const int MaxClientCnxns = 60;
    public const int MaxCnxns = 0;                         // zookeeper.maxCnxns, 0 = unlimited
    public const int SessionTimeoutUnset = -1;             // -1 = derived from tickTime
    public const int MinSessionTimeoutTicks = 2;
    public const int MaxSessionTimeoutTicks = 20;
    public const int SnapCount = 100000;                   // zookeeper.snapCount
    public const int MinSnapCount = 2;
    public const long PreAllocSizeKb = 65536;              // zookeeper.preAllocSize, in KB (64 MB)
    public const int AutopurgeSnapRetainCount = 3;
    public const int MinAutopurgeSnapRetainCount = 3;
    public const int AutopurgePurgeIntervalHours = 0;      // 0 = autopurge off
    // zookeeper.commitLogCount is 500 in ZooKeeper, which also syncs from its txn log files; AkkaZk keeps more in
    // memory instead, so a follower a few thousand txns behind still gets a DIFF rather than a snapshot
    public const int CommitLogCount = 10_000;
    public const int ContainerCheckIntervalMs = 60_000;    // znode.container.checkIntervalMs (ContainerManager)
    public const int GlobalOutstandingLimit = 1000;        // zookeeper.globalOutstandingLimit
    public const bool StandaloneEnabled = true;
    public const bool ReconfigEnabled = false;
    public const int ElectionAlg = 3;                      // only FastLeaderElection exists
    public const bool QuorumListenOnAllIPs = false;
    public const string AlwaysEnabledFourLetterWord = "srvr"; // zkServer.sh needs it, so ZooKeeper always adds it
    public const string AllFourLetterWords = "*";
    public const bool AdminEnableServer = true;            // zookeeper.admin.enableServer
    public const string AdminServerAddress = "0.0.0.0";    // zookeeper.admin.serverAddress
    public const int AdminServerPort = 8080;               // zookeeper.admin.serverPort
    public const string AdminCommandUrl = "/commands";     // zookeeper.admin.commandURL
    public const bool LocalSessionsEnabled = false;
    public const bool LocalSessionsUpgradingEnabled = false;
    public const bool SyncEnabled = true;
    public const bool ForceSync = true;                    // zookeeper.forceSync=yes
    public const int JuteMaxBuffer = 0xfffff;              // -Djute.maxbuffer
    public const string MetricsProviderClassName = "org.apache.zookeeper.metrics.impl.DefaultMetricsProvider";
    public const int MetricsHttpPort = 7000;               // metricsProvider.httpPort (Prometheus provider)
    public const bool ReadOnlyModeEnabled = false;         // -Dreadonlymode.enabled
    public const bool ExtendedTypesEnabled = false;        // zookeeper.extendedTypesEnabled
    public const bool SkipAcl = false;                     // zookeeper.skipACL=no
    public const string SnapshotCompressionMethod = "";    // zookeeper.snapshot.compression.method: "" (checked), gz, snappy

    /// <summary>Auth schemes ZooKeeper's ProviderRegistry always registers.</summary>
    public static readonly IReadOnlyList<string> BuiltInAuthSchemes = ["digest", "ip"];

    /// <summary>Every four letter word ZooKeeper 3.8 knows (FourLetterCommands), what "*" enables.</summary>
    public static readonly IReadOnlyList<string> FourLetterWords =
    [
        "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "icfg", "isro", "mntr",
        "ruok", "srst", "srvr", "stat", "stmk", "sysp", "wchc", "wchp", "wchs",
    ];
}
