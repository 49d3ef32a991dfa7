using AkkaZk.Admin;
using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Server.Tests.Admin;

public sealed class AdminResponsesSpec
{
    [Fact]
    public void Wchc_text_becomes_decimal_session_ids_mapped_to_paths()
    {
        var body = AdminResponses.GroupedDump("0x100000a2b3c0000\n\t/a\n\t/b\n0x2\n\t/c\n", headerIsSession: true);

        Assert.Equal(["/a", "/b"], (List<object>)body["72057637712953344"]!);
        Assert.Equal(["/c"], (List<object>)body["2"]!);
    }

    [Fact]
    public void Wchp_text_becomes_paths_mapped_to_session_ids_as_numbers()
    {
        var body = AdminResponses.GroupedDump("/a\n\t0x10\n\t0x11\n", headerIsSession: false);

        Assert.Equal([16L, 17L], (List<object>)body["/a"]!);
    }

    [Fact]
    public void Dump_text_gives_each_session_s_ephemerals_and_an_expiry_bucket_on_a_tick()
    {
        const string text = "SessionTracker dump:\nSession Sets (1):\n\t0x5 timeout 30000\nephemeral nodes dump:\n" +
                            "Sessions with Ephemerals (1):\n0x5:\n\t/e1\n\t/e2\n";

        var body = AdminResponses.Dump(text, tickTime: 2000);

        var ephemerals = (Dictionary<string, object?>)body["session_id_to_ephemeral_paths"]!;
        Assert.Equal(["/e1", "/e2"], (List<string>)ephemerals["5"]!);
        var expiry = Assert.Single((Dictionary<string, object?>)body["expiry_time_to_session_ids"]!);
        Assert.Equal(0, long.Parse(expiry.Key) % 2000);
        Assert.Equal([5L], (List<long>)expiry.Value!);
    }

    [Fact]
    public void Mntr_lines_become_monitor_fields_without_the_zk_prefix_and_with_numbers_as_numbers()
    {
        var body = AdminResponses.ParseMntr("zk_version\t3.8.0\nzk_avg_latency\t1.5\nzk_znode_count\t8\n");

        Assert.Equal("3.8.0", body["version"]);
        Assert.Equal(1.5, body["avg_latency"]);
        Assert.Equal(8L, body["znode_count"]);
    }

    [Fact]
    public void Initial_configuration_renders_the_settings_as_zoo_cfg_lines()
    {
        var settings = NodeSettings.Standalone("data", 2181, "127.0.0.1") with { AdminServerPort = 8081, TickTime = 2000 };

        var lines = AdminResponses.InitialConfiguration(settings).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("tickTime=2000", lines[0]);
        Assert.Contains("dataDir=data", lines);
        Assert.Contains("clientPort=2181", lines);
        Assert.Contains("clientPortAddress=127.0.0.1", lines);
        Assert.Contains("admin.serverPort=8081", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("dataLogDir=", StringComparison.Ordinal));
    }
}
