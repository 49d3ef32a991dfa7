using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

// Each case is one ZooKeeper 3.8 rejects too (checked with QuorumPeerConfig.parse on the same text), except where
// a comment says AkkaZk is deliberately stricter.
public class ZooCfgErrorTests
{
    private const string Ensemble = "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=d\nserver.1=127.0.0.1:2888:3888;2181\nserver.2=127.0.0.1:2889:3889;2182\nserver.3=127.0.0.1:2890:3890;2183\n";

    private static readonly Func<string, string?> MyId1 = ZooCfg.MyIds(("d", "1\n"));

    private static void AssertAt(ConfigException e, string file, int? line, string? key, string messageStart)
    {
        Assert.Equal(file, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(key, e.Key);
        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_bad_number_names_file_line_and_key()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\ntickTime=abc\n");
        AssertAt(e, "zoo.cfg", 3, "tickTime", "zoo.cfg:3: key 'tickTime': 'abc' is not a number");
    }

    [Fact]
    public void A_bad_number_in_a_key_ZooKeeper_turns_into_a_system_property_points_at_its_zoo_cfg_line()
    {
        // stricter: ZooKeeper's Integer.getInteger silently falls back to the default
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\n\nsnapCount=lots\n");
        AssertAt(e, "zoo.cfg", 4, "snapCount", "zoo.cfg:4: key 'snapCount': 'lots' is not a number");
    }

    [Fact]
    public void A_bad_number_in_a_system_property_names_the_property()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\n", new Dictionary<string, string> { ["jute.maxbuffer"] = "big" });
        AssertAt(e, ZooCfgParser.SystemPropertiesSource, null, "jute.maxbuffer", "system properties: key 'jute.maxbuffer': 'big' is not a number");
    }

    [Fact]
    public void A_bad_boolean_is_rejected_like_QuorumPeerConfig_parseBoolean_does()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\nstandaloneEnabled=maybe\n");
        AssertAt(e, "zoo.cfg", 3, "standaloneEnabled", "zoo.cfg:3: key 'standaloneEnabled': 'maybe' is not 'true' or 'false'");
    }

    [Fact]
    public void An_unknown_peer_type_is_rejected()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\npeerType=leader\n");
        AssertAt(e, "zoo.cfg", 3, "peerType", "zoo.cfg:3: key 'peerType': unknown peer type 'leader'");
    }

    [Fact]
    public void An_unknown_role_on_a_server_line_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble.Replace("3888;2181", "3888:witness;2181", StringComparison.Ordinal), readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 5, "server.1", "zoo.cfg:5: key 'server.1': unknown peer type 'witness'");
    }

    [Fact]
    public void A_missing_dataDir_is_rejected()
    {
        var e = ZooCfg.Fails("clientPort=2181\n");
        AssertAt(e, "zoo.cfg", null, "dataDir", "zoo.cfg: key 'dataDir': dataDir is not set");
    }

    [Fact]
    public void A_server_id_listed_twice_is_rejected_even_when_spelled_differently()
    {
        // stricter: java.util.Properties would keep the last of two equal keys
        var e = ZooCfg.Fails(Ensemble + "server.02=127.0.0.1:2891:3891\n", readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 8, "server.02", "zoo.cfg:8: key 'server.02': server id 2 is listed twice");
    }

    [Theory]
    [InlineData("127.0.0.1:2888")]
    [InlineData("127.0.0.1:2888:3888:participant:extra")]
    [InlineData("127.0.0.1:2888:3888;a:b:2181")]
    [InlineData("127.0.0.1:2888:3888;2181;2182")]
    public void A_malformed_server_line_is_rejected(string line)
    {
        var e = ZooCfg.Fails(Ensemble + $"server.4={line}\n", readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 8, "server.4", $"zoo.cfg:8: key 'server.4': '{line}' is not of the form host:quorumPort:electionPort");
    }

    [Fact]
    public void A_server_line_with_a_port_that_is_not_a_number_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble + "server.4=127.0.0.1:28x8:3888\n", readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 8, "server.4", "zoo.cfg:8: key 'server.4': port '28x8' is not a number");
    }

    [Fact]
    public void An_ensemble_member_without_a_myid_file_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble);
        AssertAt(e, "zoo.cfg", null, "myid", "zoo.cfg: key 'myid': myid file");
    }

    [Fact]
    public void A_myid_that_is_not_in_the_server_list_is_rejected()
    {
        // ZooKeeper's QuorumPeerConfig accepts this; QuorumPeerMain then exits with "My id 7 not in the peer list"
        var e = ZooCfg.Fails(Ensemble, readMyId: ZooCfg.MyIds(("d", "7")));
        AssertAt(e, "zoo.cfg", null, "myid", "zoo.cfg: key 'myid': myid 7 is not in the server list (server.1, server.2, server.3)");
    }

    [Fact]
    public void A_myid_that_is_not_a_number_names_the_myid_file()
    {
        var e = ZooCfg.Fails(Ensemble, readMyId: ZooCfg.MyIds(("d", "one\n")));
        AssertAt(e, Path.Combine("d", "myid"), 1, null, $"{Path.Combine("d", "myid")}:1: serverid 'one' is not a number");
    }

    [Theory]
    [InlineData("clientPort=70000", "clientPort", "port 70000 is out of range 1..65535")]
    [InlineData("clientPort=-1", "clientPort", "port -1 is out of range 1..65535")]
    [InlineData("admin.serverPort=65536", "admin.serverPort", "port 65536 is out of range 1..65535")]
    [InlineData("secureClientPort=99999", "secureClientPort", "port 99999 is out of range 1..65535")]
    public void A_port_out_of_range_is_rejected(string line, string key, string problem)
    {
        var text = "dataDir=d\n" + (line.StartsWith("clientPort", StringComparison.Ordinal) ? "" : "clientPort=2181\n") + line + "\n";
        var e = ZooCfg.Fails(text);
        Assert.Equal(key, e.Key);
        Assert.EndsWith(problem, e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void A_server_port_out_of_range_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble.Replace("2889:3889", "2889:70000", StringComparison.Ordinal), readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 6, "server.2", "zoo.cfg:6: key 'server.2': port 70000 is out of range 1..65535");
    }

    [Fact]
    public void The_admin_port_on_the_client_port_is_rejected()
    {
        // stricter: ZooKeeper would fail later, when the second listener cannot bind
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\nadmin.serverPort=2181\n");
        AssertAt(e, "zoo.cfg", 3, "admin.serverPort", "zoo.cfg:3: key 'admin.serverPort': port 2181 is both this server's client port (clientPort) and its admin server port");
    }

    [Fact]
    public void The_client_port_on_this_servers_quorum_port_is_rejected()
    {
        var text = Ensemble.Replace(";2181", "", StringComparison.Ordinal) + "clientPort=2888\n";
        var e = ZooCfg.Fails(text, readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 8, "clientPort", "zoo.cfg:8: key 'clientPort': port 2888 is both this server's quorum port (server.1) and its client port");
    }

    [Fact]
    public void Equal_quorum_and_election_ports_are_rejected()
    {
        var e = ZooCfg.Fails(Ensemble.Replace("2889:3889", "2889:2889", StringComparison.Ordinal), readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 6, "server.2", "zoo.cfg:6: key 'server.2': quorum port and election port must be different");
    }

    [Fact]
    public void Two_servers_on_one_host_and_port_are_rejected()
    {
        // stricter: ZooKeeper accepts this and the second server fails to bind
        var e = ZooCfg.Fails(Ensemble.Replace("2890:3890", "2888:3890", StringComparison.Ordinal), readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 7, "server.3", "zoo.cfg:7: key 'server.3': 127.0.0.1:2888 is already used by server.1");
    }

    [Fact]
    public void A_minSessionTimeout_above_maxSessionTimeout_is_rejected()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\nminSessionTimeout=9000\nmaxSessionTimeout=8000\n");
        AssertAt(e, "zoo.cfg", 3, "minSessionTimeout", "zoo.cfg:3: key 'minSessionTimeout': minSessionTimeout 9000 must not be larger than maxSessionTimeout 8000");
    }

    [Fact]
    public void A_derived_maxSessionTimeout_below_minSessionTimeout_is_rejected()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\ntickTime=100\nminSessionTimeout=5000\n");
        AssertAt(e, "zoo.cfg", 4, "minSessionTimeout", "zoo.cfg:4: key 'minSessionTimeout': minSessionTimeout 5000 must not be larger than maxSessionTimeout 2000");
    }

    [Fact]
    public void A_line_without_equals_sign_is_rejected()
    {
        // stricter: java.util.Properties would read "clientPort 2181" as key clientPort, value 2181
        var e = ZooCfg.Fails("dataDir=d\n# fine\n\nclientPort 2181\n");
        AssertAt(e, "zoo.cfg", 4, null, "zoo.cfg:4: 'clientPort 2181' is not of the form key=value");
    }

    [Fact]
    public void An_ensemble_without_initLimit_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble.Replace("initLimit=10\n", "", StringComparison.Ordinal), readMyId: MyId1);
        AssertAt(e, "zoo.cfg", null, "initLimit", "zoo.cfg: key 'initLimit': initLimit is not set");
    }

    [Fact]
    public void An_ensemble_without_syncLimit_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble.Replace("syncLimit=5\n", "", StringComparison.Ordinal), readMyId: MyId1);
        AssertAt(e, "zoo.cfg", null, "syncLimit", "zoo.cfg: key 'syncLimit': syncLimit is not set");
    }

    [Fact]
    public void Only_election_algorithm_3_is_accepted()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\nelectionAlg=1\n");
        AssertAt(e, "zoo.cfg", 3, "electionAlg", "zoo.cfg:3: key 'electionAlg': electionAlg 1 is not supported");
    }

    [Fact]
    public void A_clientPortAddress_without_clientPort_is_rejected()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPortAddress=127.0.0.1\n");
        AssertAt(e, "zoo.cfg", 2, "clientPortAddress", "zoo.cfg:2: key 'clientPortAddress': clientPortAddress is set but clientPort is not set");
    }

    [Fact]
    public void A_clientPort_that_contradicts_this_servers_line_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble + "clientPort=2999\n", readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 8, "clientPort", "zoo.cfg:8: key 'clientPort': client address 0.0.0.0:2999 differs from server.1's client address 0.0.0.0:2181");
    }

    [Fact]
    public void Observers_without_participants_are_rejected()
    {
        var e = ZooCfg.Fails("dataDir=d\nclientPort=2181\nserver.1=127.0.0.1:2888:3888:observer\n", readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 3, "server.1", "zoo.cfg:3: key 'server.1': observers without participants is an invalid configuration");
    }

    [Fact]
    public void Server_lines_next_to_a_dynamicConfigFile_are_rejected()
    {
        var e = ZooCfg.Fails("dataDir=d\ndynamicConfigFile=zoo.cfg.dynamic\n" + "server.1=127.0.0.1:2888:3888\n");
        AssertAt(e, "zoo.cfg", 3, "server.1", "zoo.cfg:3: key 'server.1': must be in a separate dynamic config file");
    }

    [Fact]
    public void A_group_naming_an_unknown_server_is_rejected()
    {
        // ZooKeeper 3.8 rejects this with a NullPointerException from QuorumHierarchical
        var e = ZooCfg.Fails(Ensemble + "group.1=1:2:9\ngroup.2=3\n", readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 8, "group.1", "zoo.cfg:8: key 'group.1': server 9 is not listed as a server.N");
    }

    [Fact]
    public void A_participant_outside_every_group_is_rejected_once_groups_are_used()
    {
        var e = ZooCfg.Fails(Ensemble + "group.1=1:2\n", readMyId: MyId1);
        AssertAt(e, "zoo.cfg", 7, "server.3", "zoo.cfg:7: key 'server.3': server 3 is not in a group");
    }

    [Fact]
    public void A_server_in_two_groups_is_rejected()
    {
        var e = ZooCfg.Fails(Ensemble + "group.1=1:2\ngroup.2=2:3\ngroup.3=3\n", readMyId: MyId1);
        Assert.Equal("group.2", e.Key);
        Assert.Contains("server 2 is in multiple groups", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extended_types_need_a_server_id_of_at_most_254()
    {
        // stricter: ZooKeeper fails only once this server starts serving (SessionTrackerImpl → EphemeralType.validateServerId)
        var text = Ensemble.Replace("server.1=", "server.300=", StringComparison.Ordinal) + "extendedTypesEnabled=true\n";
        var e = ZooCfg.Fails(text, readMyId: ZooCfg.MyIds(("d", "300")));
        AssertAt(e, "zoo.cfg", 8, "extendedTypesEnabled", "zoo.cfg:8: key 'extendedTypesEnabled': extendedTypesEnabled needs a server id of at most 254");
    }

    [Fact]
    public void A_valid_ensemble_parses()
    {
        var s = ZooCfg.Parse(Ensemble, readMyId: MyId1);
        Assert.Equal(1, s.MyId);
        Assert.False(s.IsStandalone);
        Assert.Equal(2181, s.ClientPort);
    }
}
