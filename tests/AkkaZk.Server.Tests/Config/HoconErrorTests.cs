using Akka.Configuration;
using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

public class HoconErrorTests
{
    private static ConfigException Fails(string akkazkBody) =>
        Assert.Throws<ConfigException>(() => NodeConfigLoader.LoadHocon("node.conf", "akkazk {\n" + akkazkBody + "\n}\n", new Dictionary<string, string>()));

    private static void AssertAt(ConfigException e, string key, string message)
    {
        Assert.Equal("node.conf", e.File);
        Assert.Null(e.Line);
        Assert.Equal(key, e.Key);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_bad_number_names_the_file_and_HOCON_key()
    {
        var e = Fails("data-dir = d\nclient-port = 2181\ntick-time = abc");
        AssertAt(e, "akkazk.tick-time", "node.conf: key 'akkazk.tick-time': 'abc' is not a number");
    }

    [Fact]
    public void A_missing_data_dir_names_the_HOCON_key()
    {
        var e = Fails("client-port = 2181");
        AssertAt(e, "akkazk.data-dir", "node.conf: key 'akkazk.data-dir': dataDir is not set");
    }

    [Fact]
    public void A_bad_boolean_names_the_HOCON_key()
    {
        var e = Fails("data-dir = d\nclient-port = 2181\nadmin.enable-server = sometimes");
        AssertAt(e, "akkazk.admin.enable-server", "node.conf: key 'akkazk.admin.enable-server': 'sometimes' is not true or false");
    }

    [Fact]
    public void Validation_problems_are_reported_against_the_HOCON_key()
    {
        var e = Fails("data-dir = d\nclient-port = 2181\nmin-session-timeout = 9000\nmax-session-timeout = 8000");
        AssertAt(e, "akkazk.min-session-timeout", "node.conf: key 'akkazk.min-session-timeout': minSessionTimeout 9000 must not be larger than maxSessionTimeout 8000");

        var port = Fails("data-dir = d\nclient-port = 2181\nadmin.server-port = 2181");
        Assert.Equal("akkazk.admin.server-port", port.Key);
    }

    [Fact]
    public void A_bad_server_entry_names_its_index_and_field()
    {
        var e = Fails("data-dir = d\nclient-port = 2181\nservers = [ { id = 1, host = \"h\", quorum-port = x, election-port = 3888 } ]");
        AssertAt(e, "akkazk.servers[0].quorum-port", "node.conf: key 'akkazk.servers[0].quorum-port': 'x' is not a number");

        var missing = Fails("data-dir = d\nclient-port = 2181\nservers = [ { id = 1, quorum-port = 2888, election-port = 3888 } ]");
        Assert.Equal("akkazk.servers[0].host", missing.Key);
    }

    [Fact]
    public void A_validation_problem_with_a_server_names_the_servers_list_and_id()
    {
        var e = Fails("data-dir = d\nclient-port = 2181\nservers = [ { id = 1, host = \"h\", quorum-port = 2888, election-port = 2888 } ]");
        AssertAt(e, "akkazk.servers (id 1)", "node.conf: key 'akkazk.servers (id 1)': quorum port and election port must be different (both 2888)");
    }

    [Fact]
    public void An_unknown_peer_type_names_the_HOCON_key()
    {
        var e = Fails("data-dir = d\nclient-port = 2181\npeer-type = boss");
        AssertAt(e, "akkazk.peer-type", "node.conf: key 'akkazk.peer-type': unknown peer type 'boss' (participant or observer)");
    }

    [Fact]
    public void Text_that_is_not_HOCON_is_reported_with_the_file_name()
    {
        var e = Assert.Throws<ConfigException>(() => NodeConfigLoader.LoadHocon("node.conf", "akkazk {\n o {}, x = 1\n}\n", new Dictionary<string, string>()));
        Assert.Equal("node.conf", e.File);
        Assert.StartsWith("node.conf: not valid HOCON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_a_warning_not_an_error()
    {
        var (s, _) = NodeConfigLoader.LoadHocon("node.conf", "akkazk {\n data-dir = d\n client-port = 2181\n tick-tme = 5\n admin { sever-port = 1 }\n zookeeper { \"any.key\" = \"x\" }\n}\n", new Dictionary<string, string>());
        Assert.Equal(
            ["node.conf: unknown key 'akkazk.admin.sever-port' is ignored", "node.conf: unknown key 'akkazk.tick-tme' is ignored"],
            s.Warnings.Order(StringComparer.Ordinal));
    }
}
