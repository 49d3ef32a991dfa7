namespace AkkaZk.Config;

/// <summary>The Java system properties through which ZooKeeper 3.8's server classes read their settings.</summary>
public static class SystemPropertyNames
{
    public const string SnapCount = "zookeeper.snapCount";
    public const string PreAllocSize = "zookeeper.preAllocSize";
    public const string ForceSync = "zookeeper.forceSync";
    public const string GlobalOutstandingLimit = "zookeeper.globalOutstandingLimit";
    public const string MaxCnxns = "zookeeper.maxCnxns";
    public const string FourLetterWordWhitelist = "zookeeper.4lw.commands.whitelist";
    public const string ReadOnlyModeEnabled = "readonlymode.enabled";
    public const string AdminEnableServer = "zookeeper.admin.enableServer";
    public const string AdminServerAddress = "zookeeper.admin.serverAddress";
    public const string AdminServerPort = "zookeeper.admin.serverPort";
    public const string AdminCommandUrl = "zookeeper.admin.commandURL";
    public const string JuteMaxBuffer = "jute.maxbuffer";
    public const string SuperDigest = "zookeeper.DigestAuthenticationProvider.superDigest";
    public const string ExtendedTypesEnabled = "zookeeper.extendedTypesEnabled";
    public const string SkipAcl = "zookeeper.skipACL";
    public const string SnapshotCompressionMethod = "zookeeper.snapshot.compression.method";
    public const string AuthProviderPrefix = "zookeeper.authProvider.";
    public const string SslAuthProvider = "zookeeper.ssl.authProvider";
    public const string ContainerCheckIntervalMs = "znode.container.checkIntervalMs";
    public const string CommitLogCount = "zookeeper.commitLogCount";

    /// <summary>Every single-valued property above (the auth provider prefix aside).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SnapCount, PreAllocSize, ForceSync, GlobalOutstandingLimit, MaxCnxns, FourLetterWordWhitelist,
        ReadOnlyModeEnabled, AdminEnableServer, AdminServerAddress, AdminServerPort, AdminCommandUrl, JuteMaxBuffer,
        SuperDigest, ExtendedTypesEnabled, SkipAcl, SnapshotCompressionMethod, ContainerCheckIntervalMs,
        CommitLogCount,
    ];
}
