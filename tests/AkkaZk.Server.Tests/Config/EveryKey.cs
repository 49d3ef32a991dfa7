namespace AkkaZk.Tests.Config;

/// <summary>A zoo.cfg that sets every key AkkaZk knows to a value that is not its default.</summary>
internal static class EveryKey
{
    public const string ZooCfg = """
        # every key, none at its default
        tickTime=2000
        initLimit=10
        syncLimit=5
        connectToLearnerMasterLimit=7
        dataDir=data/zk1
        dataLogDir=logs/zk1
        clientPort=2181
        clientPortAddress=127.0.0.1
        secureClientPort=2281
        secureClientPortAddress=127.0.0.2
        clientPortListenBacklog=50
        observerMasterPort=2191
        maxClientCnxns=100
        maxCnxns=500
        minSessionTimeout=5000
        maxSessionTimeout=50000
        snapCount=5000
        preAllocSize=1024
        autopurge.snapRetainCount=5
        autopurge.purgeInterval=24
        globalOutstandingLimit=2000
        peerType=observer
        server.1=127.0.0.1:2888:3888:observer;127.0.0.1:2181
        server.2=127.0.0.1:2889:3889:participant;2182
        server.3=127.0.0.1:2890:3890
        server.4=127.0.0.1:2891:3891
        group.1=2:3
        group.2=4
        weight.2=2
        weight.3=1
        weight.4=1
        standaloneEnabled=false
        reconfigEnabled=true
        electionAlg=3
        quorumListenOnAllIPs=true
        4lw.commands.whitelist=ruok, stat, mntr
        admin.enableServer=false
        admin.serverAddress=127.0.0.1
        admin.serverPort=9090
        admin.commandURL=/cmds
        localSessionsEnabled=true
        localSessionsUpgradingEnabled=true
        syncEnabled=false
        forceSync=no
        jute.maxbuffer=4194304
        metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider
        metricsProvider.httpPort=7001
        metricsProvider.exportJvmInfo=false
        authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider
        authProvider.2=com.example.CustomAuthenticationProvider
        DigestAuthenticationProvider.superDigest=super:D/InIHSb7yEEbrWz8b9l71RjZJU=
        extendedTypesEnabled=true
        skipACL=yes
        snapshot.compression.method=gz
        sslQuorum=false
        quorum.cnxn.threads.size=20
        fsync.warningthresholdms=500
        some.custom.key=hello "world" \\ end
        """;

    public static readonly IReadOnlyDictionary<string, string> SystemProperties = new Dictionary<string, string>
    {
        ["readonlymode.enabled"] = "true",
        ["znode.container.checkIntervalMs"] = "5000",
        ["zookeeper.commitLogCount"] = "2000",
        ["jute.maxbuffer"] = "0x200000",
        ["zookeeper.custom.flag"] = "on",
    };

    public static string? ReadMyId(string path) => path == Path.Combine("data/zk1", "myid") ? "1\n" : null;
}
