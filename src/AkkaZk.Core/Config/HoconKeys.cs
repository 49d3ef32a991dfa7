namespace AkkaZk.Config;

/// <summary>
/// HOCON names of the settings, under <see cref="Root"/>: zoo.cfg's names in kebab-case. Used by the renderer,
/// the HOCON loader and to point a validation error at the HOCON key that holds the bad value.
/// </summary>
public static class HoconKeys
{
    public const string Root = "akkazk";

    public const string TickTime = "tick-time";
    public const string InitLimit = "init-limit";
    public const string SyncLimit = "sync-limit";
    public const string ConnectToLearnerMasterLimit = "connect-to-learner-master-limit";
    public const string DataDir = "data-dir";
    public const string DataLogDir = "data-log-dir";
    public const string ClientPort = "client-port";
    public const string ClientPortAddress = "client-port-address";
    public const string SecureClientPort = "secure-client-port";
    public const string SecureClientPortAddress = "secure-client-port-address";
    public const string ClientPortListenBacklog = "client-port-listen-backlog";
    public const string ObserverMasterPort = "observer-master-port";
    public const string MaxClientCnxns = "max-client-cnxns";
    public const string MaxCnxns = "max-cnxns";
    public const string MinSessionTimeout = "min-session-timeout";
    public const string MaxSessionTimeout = "max-session-timeout";
    public const string SnapCount = "snap-count";
    public const string ContainerCheckIntervalMs = "container-check-interval-ms";
    public const string CommitLogCount = "commit-log-count";
    public const string PreAllocSize = "pre-alloc-size";
    public const string AutopurgeSnapRetainCount = "autopurge.snap-retain-count";
    public const string AutopurgePurgeInterval = "autopurge.purge-interval";
    public const string GlobalOutstandingLimit = "global-outstanding-limit";
    public const string Servers = "servers";
    public const string Groups = "groups";
    public const string Weights = "weights";
    public const string MyId = "my-id";
    public const string PeerType = "peer-type";
    public const string StandaloneEnabled = "standalone-enabled";
    public const string ReconfigEnabled = "reconfig-enabled";
    public const string ElectionAlg = "election-alg";
    public const string QuorumListenOnAllIps = "quorum-listen-on-all-ips";
    public const string FourLetterWordsWhitelist = "four-letter-words.whitelist";
    public const string AdminEnableServer = "admin.enable-server";
    public const string AdminServerAddress = "admin.server-address";
    public const string AdminServerPort = "admin.server-port";
    public const string AdminCommandUrl = "admin.command-url";
    public const string LocalSessionsEnabled = "local-sessions-enabled";
    public const string LocalSessionsUpgradingEnabled = "local-sessions-upgrading-enabled";
    public const string SyncEnabled = "sync-enabled";
    public const string ForceSync = "force-sync";
    public const string JuteMaxBuffer = "jute-max-buffer";
    public const string MetricsProviderClassName = "metrics-provider.class-name";
    public const string MetricsProviderHttpPort = "metrics-provider.http-port";
    public const string MetricsProviderProperties = "metrics-provider.properties";
    public const string AuthProviders = "auth-providers";
    public const string SuperDigest = "super-digest";
    public const string ReadOnlyModeEnabled = "read-only-mode-enabled";
    public const string ExtendedTypesEnabled = "extended-types-enabled";
    public const string SkipAcl = "skip-acl";
    public const string SnapshotCompressionMethod = "snapshot-compression-method";
    public const string Unsupported = "unsupported";

    /// <summary>Extra zoo.cfg keys, without their "zookeeper." prefix (zoo.cfg's foo.bar is "zookeeper.foo.bar").</summary>
    public const string ZooKeeper = "zookeeper";

    private static readonly Dictionary<string, string> ByZooCfgKey = new(StringComparer.Ordinal)
    {
        ["tickTime"] = TickTime,
        ["initLimit"] = InitLimit,
        ["syncLimit"] = SyncLimit,
        ["connectToLearnerMasterLimit"] = ConnectToLearnerMasterLimit,
        ["dataDir"] = DataDir,
        ["dataLogDir"] = DataLogDir,
        ["clientPort"] = ClientPort,
        ["clientPortAddress"] = ClientPortAddress,
        ["secureClientPort"] = SecureClientPort,
        ["secureClientPortAddress"] = SecureClientPortAddress,
        ["clientPortListenBacklog"] = ClientPortListenBacklog,
        ["observerMasterPort"] = ObserverMasterPort,
        ["maxClientCnxns"] = MaxClientCnxns,
        ["maxCnxns"] = MaxCnxns,
        ["minSessionTimeout"] = MinSessionTimeout,
        ["maxSessionTimeout"] = MaxSessionTimeout,
        ["snapCount"] = SnapCount,
        ["preAllocSize"] = PreAllocSize,
        ["autopurge.snapRetainCount"] = AutopurgeSnapRetainCount,
        ["autopurge.purgeInterval"] = AutopurgePurgeInterval,
        ["globalOutstandingLimit"] = GlobalOutstandingLimit,
        ["myid"] = MyId,
        ["peerType"] = PeerType,
        ["standaloneEnabled"] = StandaloneEnabled,
        ["reconfigEnabled"] = ReconfigEnabled,
        ["electionAlg"] = ElectionAlg,
        ["quorumListenOnAllIPs"] = QuorumListenOnAllIps,
        ["4lw.commands.whitelist"] = FourLetterWordsWhitelist,
        ["admin.enableServer"] = AdminEnableServer,
        ["admin.serverAddress"] = AdminServerAddress,
        ["admin.serverPort"] = AdminServerPort,
        ["admin.commandURL"] = AdminCommandUrl,
        ["localSessionsEnabled"] = LocalSessionsEnabled,
        ["localSessionsUpgradingEnabled"] = LocalSessionsUpgradingEnabled,
        ["syncEnabled"] = SyncEnabled,
        ["forceSync"] = ForceSync,
        ["metricsProvider.className"] = MetricsProviderClassName,
        ["metricsProvider.httpPort"] = MetricsProviderHttpPort,
        ["extendedTypesEnabled"] = ExtendedTypesEnabled,
        ["skipACL"] = SkipAcl,
    };

    /// <summary>
    /// The full HOCON path (e.g. "akkazk.client-port") for a zoo.cfg key as the validator names it
    /// ("clientPort", "server.2", "group.1", "weight.3", "myid"). Unknown keys map to themselves under the root.
    /// </summary>
    public static string PathOf(string zooCfgKey)
    {
        if (ByZooCfgKey.TryGetValue(zooCfgKey, out var path))
        {
            return $"{Root}.{path}";
        }

        foreach (var (prefix, list) in new[] { ("server.", Servers), ("group.", Groups), ("weight.", Weights) })
        {
            if (zooCfgKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                return $"{Root}.{list} (id {zooCfgKey[prefix.Length..]})";
            }
        }

        return $"{Root}.{zooCfgKey}";
    }
}
