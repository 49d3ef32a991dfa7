using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

// Expected values were read from Apache ZooKeeper 3.8.0 itself (QuorumPeerConfig.parse on the same text, then
// ZooKeeperServer.getSnapCount(), FilePadding.getPreAllocSize(), FourLetterCommands.isEnabled(...)), or from the
// constants its classes read (javap of zookeeper-3.8.0.jar: JettyAdminServer, ZooKeeperServer, FileTxnLog, ...).
public class ZooCfgDefaultsTests
{
    private static readonly NodeSettings Minimal = ZooCfg.Parse("dataDir=d1\nclientPort=2181\n");

    [Fact]
    public void A_minimal_zoo_cfg_gets_ZooKeepers_timing_defaults()
    {
        Assert.Equal(3000, Minimal.TickTime);
        Assert.Equal(0, Minimal.InitLimit);
        Assert.Equal(0, Minimal.SyncLimit);
        Assert.Equal(6000, Minimal.MinSessionTimeout);
        Assert.Equal(60000, Minimal.MaxSessionTimeout);
    }

    [Fact]
    public void A_minimal_zoo_cfg_gets_ZooKeepers_directory_and_port_defaults()
    {
        Assert.Equal("d1", Minimal.DataDir);
        Assert.Equal("d1", Minimal.DataLogDir);
        Assert.Equal(2181, Minimal.ClientPort);
        Assert.Equal("0.0.0.0", Minimal.ClientPortAddress);
        Assert.Null(Minimal.SecureClientPort);
        Assert.Null(Minimal.ObserverMasterPort);
        Assert.Equal(-1, Minimal.ClientPortListenBacklog);
        Assert.Equal(60, Minimal.MaxClientCnxns);
        Assert.Equal(0, Minimal.MaxCnxns);
    }

    [Fact]
    public void A_minimal_zoo_cfg_gets_ZooKeepers_persistence_defaults()
    {
        Assert.Equal(100000, Minimal.SnapCount);
        Assert.Equal(65536, Minimal.PreAllocSizeKb); // FilePadding.getPreAllocSize() = 67108864 bytes
        Assert.Equal(3, Minimal.AutopurgeSnapRetainCount);
        Assert.Equal(0, Minimal.AutopurgePurgeIntervalHours);
        Assert.True(Minimal.ForceSync);
        Assert.True(Minimal.SyncEnabled);
        Assert.Equal("", Minimal.SnapshotCompressionMethod);
    }

    [Fact]
    public void A_minimal_zoo_cfg_is_a_standalone_participant()
    {
        Assert.True(Minimal.IsStandalone);
        Assert.Equal(0, Minimal.MyId);
        Assert.Null(Minimal.Self);
        Assert.Empty(Minimal.Servers);
        Assert.Equal(PeerRole.Participant, Minimal.PeerType);
        Assert.True(Minimal.StandaloneEnabled);
        Assert.False(Minimal.ReconfigEnabled);
        Assert.Equal(3, Minimal.ElectionAlg);
        Assert.False(Minimal.QuorumListenOnAllIPs);
        Assert.False(Minimal.LocalSessionsEnabled);
        Assert.False(Minimal.LocalSessionsUpgradingEnabled);
    }

    [Fact]
    public void Only_srvr_is_whitelisted_by_default()
    {
        Assert.Equal(["srvr"], Minimal.FourLetterWordWhitelist);
        Assert.True(Minimal.IsFourLetterWordEnabled("srvr"));
        Assert.False(Minimal.IsFourLetterWordEnabled("ruok"));
        Assert.False(Minimal.IsFourLetterWordEnabled("stat"));
        Assert.False(Minimal.IsFourLetterWordEnabled("isro"));
    }

    [Fact]
    public void A_minimal_zoo_cfg_gets_the_admin_server_defaults_of_JettyAdminServer()
    {
        Assert.True(Minimal.AdminEnableServer);
        Assert.Equal("0.0.0.0", Minimal.AdminServerAddress);
        Assert.Equal(8080, Minimal.AdminServerPort);
        Assert.Equal("/commands", Minimal.AdminCommandUrl);
    }

    [Fact]
    public void A_minimal_zoo_cfg_gets_the_remaining_defaults()
    {
        Assert.Equal(0xfffff, Minimal.JuteMaxBuffer);
        Assert.Equal(1000, Minimal.GlobalOutstandingLimit);
        Assert.Equal("org.apache.zookeeper.metrics.impl.DefaultMetricsProvider", Minimal.MetricsProviderClassName);
        Assert.Equal(7000, Minimal.MetricsHttpPort);
        Assert.Empty(Minimal.MetricsProperties);
        Assert.Equal(["digest", "ip"], Minimal.AuthProviders.Order());
        Assert.Null(Minimal.SuperDigest);
        Assert.False(Minimal.ReadOnlyModeEnabled);
        Assert.False(Minimal.ExtendedTypesEnabled);
        Assert.False(Minimal.SkipAcl);
        Assert.Empty(Minimal.Extra);
        Assert.Empty(Minimal.Unsupported);
        Assert.Empty(Minimal.Warnings);
    }

    [Fact]
    public void Session_timeouts_default_to_2_and_20_ticks_of_the_configured_tick()
    {
        var s = ZooCfg.Parse("dataDir=d\nclientPort=2181\ntickTime=2000\n");
        Assert.Equal(4000, s.MinSessionTimeout);
        Assert.Equal(40000, s.MaxSessionTimeout);
    }

    [Fact]
    public void The_constants_agree_with_a_default_NodeSettings()
    {
        var blank = new NodeSettings { DataDir = "d", DataLogDir = "d" };
        Assert.Equal(blank with { ClientPort = 2181, DataDir = "d1", DataLogDir = "d1" }, Minimal);
    }
}
