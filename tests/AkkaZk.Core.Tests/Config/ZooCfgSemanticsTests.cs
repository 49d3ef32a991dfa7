using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

// Expected values checked against Apache ZooKeeper 3.8.0 (QuorumPeerConfig.parse plus the static readers of the
// system properties) on the same zoo.cfg text and -D properties.
public class ZooCfgSemanticsTests
{
    private const string Base = "dataDir=d\nclientPort=2181\n";

    [Fact]
    public void A_zoo_cfg_key_beats_the_system_property_of_the_same_name()
    {
        var s = ZooCfg.Parse(Base + "snapCount=5\n", ("zookeeper.snapCount", "7"));
        Assert.Equal(5, s.SnapCount);
    }

    [Fact]
    public void A_system_property_applies_when_the_zoo_cfg_is_silent()
    {
        var s = ZooCfg.Parse(Base, ("zookeeper.snapCount", "7"), ("zookeeper.preAllocSize", "128"), ("zookeeper.forceSync", "no"));
        Assert.Equal(7, s.SnapCount);
        Assert.Equal(128, s.PreAllocSizeKb);
        Assert.False(s.ForceSync);
    }

    [Fact]
    public void System_properties_read_with_Integer_getInteger_accept_hex_and_octal()
    {
        Assert.Equal(0x200000, ZooCfg.Parse(Base, ("jute.maxbuffer", "0x200000")).JuteMaxBuffer);
        Assert.Equal(0x200000, ZooCfg.Parse(Base, ("jute.maxbuffer", "#200000")).JuteMaxBuffer);
        Assert.Equal(8, ZooCfg.Parse(Base, ("zookeeper.globalOutstandingLimit", "010")).GlobalOutstandingLimit);
    }

    [Fact]
    public void A_jute_maxbuffer_line_in_zoo_cfg_has_no_effect_but_is_kept_and_warned_about()
    {
        var s = ZooCfg.Parse(Base + "jute.maxbuffer=4194304\n");
        Assert.Equal(0xfffff, s.JuteMaxBuffer);
        Assert.Equal("4194304", s.Extra["zookeeper.jute.maxbuffer"]);
        Assert.Contains(s.Warnings, w => w.Contains("-Djute.maxbuffer", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_keys_are_kept_as_zookeeper_system_properties()
    {
        var s = ZooCfg.Parse(Base + "fsync.warningthresholdms=500\nmyCustom=x\n");
        Assert.Equal(new Dictionary<string, string> { ["zookeeper.fsync.warningthresholdms"] = "500", ["zookeeper.myCustom"] = "x" }, s.Extra);
    }

    [Fact]
    public void Snap_retain_count_and_snap_count_are_raised_to_their_floors()
    {
        var s = ZooCfg.Parse(Base + "autopurge.snapRetainCount=1\nsnapCount=1\n");
        Assert.Equal(3, s.AutopurgeSnapRetainCount);
        Assert.Equal(2, s.SnapCount);
        Assert.Equal(2, s.Warnings.Count);
    }

    [Fact]
    public void The_four_letter_word_whitelist_adds_srvr_and_isro_in_read_only_mode()
    {
        var s = ZooCfg.Parse(Base + "4lw.commands.whitelist=ruok, stat ,,mntr\n", ("readonlymode.enabled", "true"));
        Assert.Equal(["isro", "mntr", "ruok", "srvr", "stat"], s.FourLetterWordWhitelist.Order());
        Assert.True(s.ReadOnlyModeEnabled);
        Assert.False(s.IsFourLetterWordEnabled("dump"));
    }

    [Fact]
    public void A_star_whitelists_every_four_letter_word()
    {
        var s = ZooCfg.Parse(Base + "4lw.commands.whitelist=*\n");
        Assert.Equal(["*"], s.FourLetterWordWhitelist);
        Assert.All(ZkDefaults.FourLetterWords, w => Assert.True(s.IsFourLetterWordEnabled(w)));
        Assert.False(s.IsFourLetterWordEnabled("nope"));
    }

    [Fact]
    public void Auth_provider_classes_map_to_scheme_names_and_unknown_ones_are_kept_with_a_warning()
    {
        var s = ZooCfg.Parse(
            Base + "authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider\nauthProvider.2=com.acme.Auth\n",
            ("zookeeper.authProvider.x", "org.apache.zookeeper.server.auth.X509AuthenticationProvider"));
        Assert.Equal(["com.acme.Auth", "digest", "ip", "sasl", "x509"], s.AuthProviders.Order(StringComparer.Ordinal));
        Assert.Single(s.Warnings, w => w.Contains("com.acme.Auth", StringComparison.Ordinal));
        Assert.Empty(s.Extra);
    }

    [Fact]
    public void A_secure_client_port_brings_the_x509_provider_as_ZooKeeper_configureSSLAuth_does()
    {
        var s = ZooCfg.Parse(Base + "secureClientPort=2281\n");
        Assert.Contains("x509", s.AuthProviders);
    }

    [Fact]
    public void Flags_read_by_string_comparison_follow_Java_and_warn_on_odd_values()
    {
        var s = ZooCfg.Parse(Base + "forceSync=maybe\nskipACL=true\nadmin.enableServer=no\n");
        Assert.True(s.ForceSync);       // only "no" turns it off
        Assert.False(s.SkipAcl);        // only "yes" turns it on
        Assert.True(s.AdminEnableServer); // only "false" turns it off
        Assert.Equal(3, s.Warnings.Count);
    }

    [Fact]
    public void Admin_server_and_other_system_property_settings_come_from_zoo_cfg_keys()
    {
        var s = ZooCfg.Parse(Base + "admin.serverPort=9090\nadmin.serverAddress=127.0.0.1\nadmin.commandURL=/cmd\nglobalOutstandingLimit=5\nmaxCnxns=10\nextendedTypesEnabled=true\nsnapshot.compression.method=snappy\nDigestAuthenticationProvider.superDigest=super:x\n");
        Assert.Equal(9090, s.AdminServerPort);
        Assert.Equal("127.0.0.1", s.AdminServerAddress);
        Assert.Equal("/cmd", s.AdminCommandUrl);
        Assert.Equal(5, s.GlobalOutstandingLimit);
        Assert.Equal(10, s.MaxCnxns);
        Assert.True(s.ExtendedTypesEnabled);
        Assert.Equal("snappy", s.SnapshotCompressionMethod);
        Assert.Equal("super:x", s.SuperDigest);
    }

    [Fact]
    public void An_unknown_snapshot_compression_means_none_as_in_ZooKeeper()
    {
        var s = ZooCfg.Parse(Base + "snapshot.compression.method=zstd\n");
        Assert.Equal("", s.SnapshotCompressionMethod);
        Assert.Single(s.Warnings);
    }

    [Fact]
    public void Unsupported_ZooKeeper_keys_are_checked_kept_and_warned_about()
    {
        var s = ZooCfg.Parse(Base + "sslQuorum=true\njvm.pause.monitor=false\n");
        Assert.Equal("true", s.Unsupported["sslQuorum"]);
        Assert.Contains(s.Warnings, w => w.Contains("sslQuorum", StringComparison.Ordinal));
        var e = ZooCfg.Fails(Base + "sslQuorum=sure\n");
        Assert.Equal("sslQuorum", e.Key);
    }

    [Fact]
    public void One_participant_with_standaloneEnabled_runs_standalone_without_a_myid()
    {
        var s = ZooCfg.Parse(Base + "server.1=127.0.0.1:2888:3888\n");
        Assert.True(s.IsStandalone);
        Assert.Equal(0, s.MyId);
    }

    [Fact]
    public void One_participant_without_standaloneEnabled_is_an_ensemble_of_one()
    {
        var s = ZooCfg.Parse(Base + "initLimit=5\nsyncLimit=2\nstandaloneEnabled=false\nserver.1=127.0.0.1:2888:3888\n", readMyId: ZooCfg.MyIds(("d", "1")));
        Assert.False(s.IsStandalone);
        Assert.Equal(1, s.Self?.Id);
    }

    [Fact]
    public void The_servers_list_wins_over_peerType_with_a_warning()
    {
        var text = "dataDir=d\ninitLimit=5\nsyncLimit=2\npeerType=participant\nserver.1=127.0.0.1:2888:3888:observer;2181\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890\n";
        var s = ZooCfg.Parse(text, readMyId: ZooCfg.MyIds(("d", "1")));
        Assert.Equal(PeerRole.Observer, s.PeerType);
        Assert.Single(s.Warnings, w => w.Contains("peerType", StringComparison.Ordinal));
    }

    [Fact]
    public void The_client_port_comes_from_this_servers_line()
    {
        var text = "dataDir=d\ninitLimit=5\nsyncLimit=2\nserver.1=127.0.0.1:2888:3888;127.0.0.1:2182\nserver.2=127.0.0.1:2889:3889\n";
        var s = ZooCfg.Parse(text, readMyId: ZooCfg.MyIds(("d", "1")));
        Assert.Equal(2182, s.ClientPort);
        Assert.Equal("127.0.0.1", s.ClientPortAddress);
    }

    [Fact]
    public void IPv6_hosts_in_brackets_are_read()
    {
        var text = "dataDir=d\ninitLimit=5\nsyncLimit=2\nserver.1=[::1]:2888:3888;[::1]:2181\nserver.2=[::1]:2889:3889:observer\nserver.3=[::1]:2890:3890\n";
        var s = ZooCfg.Parse(text, readMyId: ZooCfg.MyIds(("d", "1")));
        Assert.Equal(new ServerSpec(1, "::1", 2888, 3888, PeerRole.Participant, "::1", 2181), s.Self);
        Assert.Equal(PeerRole.Observer, s.Servers[1].Role);
    }

    [Fact]
    public void Describe_prints_ports_directories_and_peers()
    {
        var text = "dataDir=d\ninitLimit=5\nsyncLimit=2\nserver.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890\n";
        var lines = ZooCfg.Parse(text, readMyId: ZooCfg.MyIds(("d", "1"))).Describe();
        Assert.Contains("mode: ensemble member, myid=1, peerType=participant, 3 participants and 0 observers", lines);
        Assert.Contains("clientPortAddress is 0.0.0.0:2181", lines);
        Assert.Contains("server.1=127.0.0.1:2888:3888:participant;0.0.0.0:2181 (this server)", lines);
        Assert.Contains($"dataDir={Path.GetFullPath("d")} dataLogDir={Path.GetFullPath("d")}", lines);
        Assert.Contains("admin server on 0.0.0.0:8080, command URL /commands", lines);
    }
}
