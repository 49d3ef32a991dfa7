namespace AkkaZk.Config;

/// <summary>How ZooKeeper 3.8's QuorumPeerConfig sorts zoo.cfg keys.</summary>
internal static class ZooCfgKeys
{
    /// <summary>Keys QuorumPeerConfig reads itself and AkkaZk acts on.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "dataDir", "dataLogDir", "clientPort", "localSessionsEnabled", "localSessionsUpgradingEnabled",
        "clientPortAddress", "secureClientPort", "secureClientPortAddress", "observerMasterPort",
        "clientPortListenBacklog", "tickTime", "maxClientCnxns", "minSessionTimeout", "maxSessionTimeout",
        "initLimit", "syncLimit", "connectToLearnerMasterLimit", "electionAlg", "quorumListenOnAllIPs", "peerType",
        "syncEnabled", "dynamicConfigFile", "autopurge.snapRetainCount", "autopurge.purgeInterval",
        "standaloneEnabled", "reconfigEnabled", "metricsProvider.className",
    };

    public enum ValueKind
    {
        Boolean,
        Int,
        Long,
        Text,
    }

    /// <summary>Keys QuorumPeerConfig reads itself that AkkaZk accepts (checked as ZooKeeper checks them) but ignores.</summary>
    public static readonly IReadOnlyDictionary<string, ValueKind> Unsupported = new Dictionary<string, ValueKind>(StringComparer.Ordinal)
    {
        ["sslQuorum"] = ValueKind.Boolean,
        ["portUnification"] = ValueKind.Boolean,
        ["sslQuorumReloadCertFiles"] = ValueKind.Boolean,
        ["quorum.auth.enableSasl"] = ValueKind.Boolean,
        ["quorum.auth.serverRequireSasl"] = ValueKind.Boolean,
        ["quorum.auth.learnerRequireSasl"] = ValueKind.Boolean,
        ["quorum.auth.learner.saslLoginContext"] = ValueKind.Text,
        ["quorum.auth.server.saslLoginContext"] = ValueKind.Text,
        ["quorum.auth.kerberos.servicePrincipal"] = ValueKind.Text,
        ["quorum.cnxn.threads.size"] = ValueKind.Int,
        ["jvm.pause.info-threshold.ms"] = ValueKind.Long,
        ["jvm.pause.warn-threshold.ms"] = ValueKind.Long,
        ["jvm.pause.sleep.time.ms"] = ValueKind.Long,
        ["jvm.pause.monitor"] = ValueKind.Boolean,
        ["multiAddress.enabled"] = ValueKind.Boolean,
        ["multiAddress.reachabilityCheckTimeoutMs"] = ValueKind.Int,
        ["multiAddress.reachabilityCheckEnabled"] = ValueKind.Boolean,
        ["oraclePath"] = ValueKind.Text,
    };

    public const string MetricsPrefix = "metricsProvider.";
    public const string MetricsHttpPortKey = "httpPort";

    /// <summary>ZooKeeper turns any other zoo.cfg key into this system property prefix.</summary>
    public const string SystemPropertyPrefix = "zookeeper.";

    /// <summary>zoo.cfg keys that become system properties nobody reads (the real one has no "zookeeper." prefix).</summary>
    public static readonly IReadOnlyDictionary<string, string> Ineffective = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["jute.maxbuffer"] = "jute.maxbuffer",
        ["readonlymode.enabled"] = "readonlymode.enabled",
    };
}
