using System.Net;
using AkkaZk.Clients;
using AkkaZk.Database;
using Xunit;

namespace AkkaZk.Tests.Clients;

/// <summary>
/// The four-letter words' text against answers captured from Apache ZooKeeper 3.8.0 (<see cref="ZooKeeper38Samples"/>):
/// fed the same figures, the responder must print the same bytes.
/// </summary>
public sealed class FourLetterWordFormatSpecs
{
    private const string ZkVersion = "3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC";

    private static readonly ClientsSettings Settings = new()
    {
        ClientPort = 21981,
        DataDir = "/var/lib/zookeeper/version-2",
        DataLogDir = "/var/lib/zookeeper/version-2",
        TickTime = 2000,
        MaxClientCnxns = 60,
        Version = ZkVersion,
    };

    // The figures of the captured server: 7 nodes (51 bytes), last zxid 0x3, one session with an ephemeral and one watch.
    private static readonly DataTreeProtocol.Stats Tree =
        new(0x3, 7, 51, 1, 1, 1, 1, 0, new Dictionary<long, int> { [0x10000064b030000] = 10000 });

    private static readonly LatencySnapshot NoLatency = new(0, 0, 0, 0, 0);

    // 7 requests with min 2, max 50 and a total of 81 ms: the avg 11.5714 the sample shows.
    private static readonly LatencySnapshot SampleLatency = new(7, 81, 2, 50, 5);

    private static ConnectionSnapshot Brief(int port, int interestOps, long received, long sent) =>
        new(new IPEndPoint(IPAddress.Loopback, port), interestOps, 0, received, sent, null, "NA", 0, 0, -1, -1, 0, NoLatency);

    private static FourLetterWordInputs Inputs(
        ServerStatsSnapshot? server = null, IReadOnlyList<ConnectionSnapshot>? connections = null, string? text = null,
        DateTimeOffset now = default, IReadOnlyList<KeyValuePair<string, string>>? environment = null) =>
        new(Settings, 21981, server ?? new ServerStatsSnapshot(14, 14, 0, 0, SampleLatency, 7199),
            connections ?? [Brief(56470, 1, 0, 0), Brief(56520, 0, 1, 0)], Tree, text, now, 67109337, 67109337,
            environment ?? [], 45, 20000);

    [Fact]
    public void Srvr_prints_what_ZooKeeper_prints() =>
        Assert.Equal(ZooKeeper38Samples.Srvr + "\n", FourLetterWordResponder.Respond("srvr", Inputs()));

    [Fact]
    public void Stat_lists_clients_briefly_then_the_srvr_figures() =>
        Assert.Equal(ZooKeeper38Samples.Stat + "\n", FourLetterWordResponder.Respond("stat", Inputs(
            server: new ServerStatsSnapshot(15, 15, 0, 0, SampleLatency, 0),
            connections: [Brief(56520, 0, 1, 0), Brief(56470, 1, 0, 0)])));

    [Fact]
    public void Cons_shows_session_details_for_established_connections_only()
    {
        var established = new ConnectionSnapshot(
            new IPEndPoint(IPAddress.Loopback, 56470), 1, 0, 7, 8, 0x10000064b030000, "CREA", 1795733072400, 10000,
            6, 3, 419452, new LatencySnapshot(8, 91, 0, 50, 5));
        var text = FourLetterWordResponder.Respond("cons", Inputs(connections: [established, Brief(56492, 0, 1, 0)]));
        Assert.Equal(ZooKeeper38Samples.Cons + "\n", text);
    }

    [Fact]
    public void Conf_prints_the_standalone_keys_in_ZooKeeper_order() =>
        Assert.Equal(ZooKeeper38Samples.Conf + "\n", FourLetterWordResponder.Respond("conf", Inputs()));

    [Fact]
    public void Mntr_prints_every_ZooKeeper_key_in_order_with_the_tree_and_connection_figures()
    {
        // after srst, four 4-byte words (wchs, wchc, wchp, mntr) came in: 4 packets, 16 bytes
        var server = new ServerStatsSnapshot(4, 4, 0, 0, NoLatency, 7199, BytesReceived: 16);
        var text = FourLetterWordResponder.Respond("mntr", Inputs(server: server));
        Assert.Equal(ZooKeeper38Samples.Mntr + "\n", text);
    }

    [Fact]
    public void Mntr_counts_reconnects_with_a_session_and_a_leader_s_revalidations()
    {
        var server = new ServerStatsSnapshot(4, 4, 0, 0, NoLatency, 7199, ConnectionRevalidates: 3, Revalidates: 2);
        var lines = FourLetterWordResponder.Respond("mntr", Inputs(server: server)).Split('\n');
        Assert.Contains("zk_connection_revalidate_count\t3", lines);
        Assert.Contains("zk_revalidate_count\t2", lines);
    }

    [Fact]
    public void Wchs_and_dirs_print_what_ZooKeeper_prints()
    {
        Assert.Equal(ZooKeeper38Samples.Wchs + "\n", FourLetterWordResponder.Respond("wchs", Inputs()));
        Assert.Equal(ZooKeeper38Samples.Dirs + "\n", FourLetterWordResponder.Respond("dirs", Inputs()));
    }

    [Fact]
    public void Wchc_and_wchp_pass_the_data_tree_text_through()
    {
        Assert.Equal(ZooKeeper38Samples.Wchc + "\n", FourLetterWordResponder.Respond("wchc", Inputs(text: ZooKeeper38Samples.Wchc + "\n")));
        Assert.Equal(ZooKeeper38Samples.Wchp + "\n", FourLetterWordResponder.Respond("wchp", Inputs(text: ZooKeeper38Samples.Wchp + "\n")));
    }

    [Fact]
    public void Dump_appends_the_connections_to_the_data_tree_part()
    {
        var sample = ZooKeeper38Samples.Dump + "\n";
        var treePart = sample[..sample.IndexOf("Connections dump:", StringComparison.Ordinal)];
        var established = Brief(56470, 1, 0, 0) with { SessionId = 0x10000064b030000 };
        var text = FourLetterWordResponder.Respond("dump", Inputs(
            connections: [established, Brief(56500, 0, 1, 0)],
            text: treePart,
            now: new DateTimeOffset(2026, 11, 26, 22, 44, 41, TimeSpan.Zero)));
        Assert.Equal(sample, text);
    }

    [Fact]
    public void Envi_prints_ZooKeeper_keys_in_order()
    {
        var keys = ZooKeeper38Samples.Envi.Split('\n')[1..];
        var text = FourLetterWordResponder.Respond("envi", Inputs(environment: ServerEnvironment.Describe(ZkVersion)));
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("Environment:", lines[0]);
        Assert.Equal(keys, lines[1..].Select(l => l[..l.IndexOf('=')]));
        Assert.Equal("zookeeper.version=" + ZkVersion, lines[1]);
    }

    [Theory]
    [InlineData("ruok", "imok")]
    [InlineData("isro", "rw")]
    [InlineData("gtmk", "306")]
    [InlineData("crst", "Connection stats reset.\n")]
    [InlineData("srst", "Server stats reset.\n")]
    public void Short_answers_match_ZooKeeper(string command, string expected) =>
        Assert.Equal(expected, FourLetterWordResponder.Respond(command, Inputs()));

    [Fact]
    public void Every_known_command_has_an_answer()
    {
        foreach (var command in FourLetterCommands.Known)
            Assert.NotNull(FourLetterWordResponder.Respond(command, Inputs()));
    }
}
