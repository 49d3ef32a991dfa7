using System.Globalization;
using System.Text.Json;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Admin;

/// <summary>ZooKeeper 3.8's AdminServer commands over HTTP against a running AkkaZk node, checked against captured samples.</summary>
public sealed class AdminServerTests(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    /// <summary>Short names as Apache ZooKeeper 3.8.0 resolves them (each answered with its primary name).</summary>
    public static TheoryData<string, string> ShortNames => new()
    {
        { "conf", "configuration" }, { "config", "configuration" }, { "cons", "connections" }, { "env", "environment" },
        { "envi", "environment" }, { "gtmk", "get_trace_mask" }, { "icfg", "initial_configuration" }, { "isro", "is_read_only" },
        { "lsnp", "last_snapshot" }, { "lead", "leader" }, { "mntr", "monitor" }, { "orst", "observer_connection_stat_reset" },
        { "srvr", "server_stats" }, { "stat", "stats" }, { "srst", "stat_reset" }, { "crst", "connection_stat_reset" },
        { "obsr", "observers" }, { "sysp", "system_properties" }, { "wchc", "watches" }, { "wchp", "watches_by_path" },
        { "wchs", "watch_summary" },
    };

    [Fact]
    public async Task Every_command_ZooKeeper_lists_answers_with_ZooKeeper_s_fields_and_value_kinds()
    {
        foreach (var name in AdminSamples.Commands.Where(n => n != "system_properties"))
        {
            var sample = AdminSamples.Load(name);
            var ours = await fixture.CommandAsync(name);
            foreach (var field in sample.EnumerateObject())
            {
                Assert.True(ours.TryGetProperty(field.Name, out var value), $"{name}: no field {field.Name} in\n{ours}");
                if (field.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False))
                    Assert.True(field.Value.ValueKind == value.ValueKind, $"{name}.{field.Name}: {value.ValueKind}, ZooKeeper sends {field.Value.ValueKind}");
            }
            Assert.Equal(name, ours.GetProperty("command").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(ShortNames))]
    public async Task A_short_name_answers_as_its_primary_command(string shortName, string primary)
    {
        var answer = await fixture.CommandAsync(shortName, shortName == "stmk" ? "?traceMask=306" : "");

        Assert.Equal(primary, answer.GetProperty("command").GetString());
    }

    [Fact]
    public async Task The_command_list_links_the_same_commands_as_ZooKeeper_3_8_plus_the_cluster_view()
    {
        var html = await fixture.Http.GetStringAsync($"{fixture.AdminUrl}/commands");

        var zooKeepers = AdminSamples.Links(File.ReadAllText(Path.Combine(AdminSamples.Folder, "commands.html")));
        Assert.Equal(zooKeepers.Append("cluster").Order(StringComparer.Ordinal), AdminSamples.Links(html).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_command_is_answered_with_ZooKeeper_s_error_JSON()
    {
        var answer = await fixture.CommandAsync("no_such_command");

        Assert.Equal("no_such_command", answer.GetProperty("command").GetString());
        Assert.Equal(AdminSamples.Load("unknown_command").GetProperty("error").GetString()!.Replace("nosuch", "no_such_command"),
            answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Set_trace_mask_without_a_long_answers_ZooKeeper_s_error_and_a_good_one_is_read_back()
    {
        var missing = await fixture.CommandAsync("set_trace_mask");
        var bad = await fixture.CommandAsync("stmk", "?traceMask=abc");
        var set = await fixture.CommandAsync("stmk", "?traceMask=123");
        var read = await fixture.CommandAsync("get_trace_mask");
        await fixture.CommandAsync("stmk", "?traceMask=306");

        Assert.Equal(AdminSamples.Load("set_trace_mask").GetProperty("error").GetString(), missing.GetProperty("error").GetString());
        Assert.Equal("setTraceMask requires long traceMask argument, got abc", bad.GetProperty("error").GetString());
        Assert.Equal(123, set.GetProperty("tracemask").GetInt64());
        Assert.Equal(123, read.GetProperty("tracemask").GetInt64());
    }

    [Fact]
    public async Task Ruok_answers_without_error_and_leader_says_a_standalone_server_has_no_quorum_role()
    {
        var ruok = await fixture.CommandAsync("ruok");
        var leader = await fixture.CommandAsync("leader");

        Assert.Equal(JsonValueKind.Null, ruok.GetProperty("error").ValueKind);
        Assert.Equal("server is not initialized", leader.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Znode_counts_follow_the_tree_in_monitor_server_stats_and_metrics()
    {
        var before = (await fixture.CommandAsync("monitor")).GetProperty("znode_count").GetInt64();
        var created = Enumerable.Range(0, 7).Select(i => $"create /count-{i} data-{i}").ToList();
        var run = await AdminNodeFixture.ShellScriptAsync(fixture.Node.ConnectString, created);
        Assert.True(run.Succeeded, run.Describe());

        var monitor = await fixture.CommandAsync("mntr");
        var stats = await fixture.CommandAsync("srvr");
        var metrics = PrometheusText.Parse(await fixture.Http.GetStringAsync($"http://127.0.0.1:{fixture.MetricsPort}/metrics"));

        Assert.Equal(before + 7, monitor.GetProperty("znode_count").GetInt64());
        Assert.Equal(before + 7, stats.GetProperty("node_count").GetInt64());
        Assert.Equal(before + 7, metrics["znode_count"]);
        Assert.True(monitor.GetProperty("approximate_data_size").GetInt64() >= created.Sum(c => "/count-0data-0".Length));
        Assert.True(stats.GetProperty("server_stats").GetProperty("last_processed_zxid").GetInt64() >= 7);
    }

    [Fact]
    public async Task A_live_session_s_watch_ephemeral_and_connection_show_up_in_watches_dump_and_connections()
    {
        var setup = await fixture.ShellAsync("create", "/watched", "x");
        Assert.True(setup.Succeeded || setup.StdErr.Contains("Node already exists"), setup.Describe());
        using var session = ProcessRunner.Start("bash",
            ["-c", "{ echo 'create -e /eph-admin e'; echo 'get -w /watched'; sleep 20; } | \"$0\" shell \"$1\"", RepoPaths.AkkaZkLauncher, fixture.Node.ConnectString]);
        try
        {
            JsonElement byPath = default;
            for (var i = 0; i < 300; i++)
            {
                byPath = (await fixture.CommandAsync("wchp")).GetProperty("path_to_session_ids");
                if (byPath.TryGetProperty("/watched", out _))
                    break;
                await Task.Delay(100);
            }
            var sessionId = byPath.GetProperty("/watched")[0].GetInt64();
            var bySession = (await fixture.CommandAsync("wchc")).GetProperty("session_id_to_watched_paths");
            var summary = await fixture.CommandAsync("wchs");
            var dump = await fixture.CommandAsync("dump");
            var connections = (await fixture.CommandAsync("cons")).GetProperty("connections");

            Assert.Equal("/watched", bySession.GetProperty(sessionId.ToString(CultureInfo.InvariantCulture))[0].GetString());
            Assert.True(summary.GetProperty("num_total_watches").GetInt64() >= 1);
            Assert.Equal("/eph-admin",
                dump.GetProperty("session_id_to_ephemeral_paths").GetProperty(sessionId.ToString(CultureInfo.InvariantCulture))[0].GetString());
            Assert.Contains(dump.GetProperty("expiry_time_to_session_ids").EnumerateObject(), e => e.Value.EnumerateArray().Any(s => s.GetInt64() == sessionId));
            var connection = Assert.Single(connections.EnumerateArray(), c => c.GetProperty("session_id").GetInt64() == sessionId);
            Assert.StartsWith("127.0.0.1:", connection.GetProperty("remote_socket_address").GetString());
            Assert.True(connection.GetProperty("packets_received").GetInt64() >= 2);
        }
        finally
        {
            session.Kill();
        }
    }

    [Fact]
    public async Task Stat_reset_zeroes_the_packet_counters_server_stats_shows()
    {
        var run = await fixture.ShellAsync("ls", "/");
        Assert.True(run.Succeeded, run.Describe());
        var before = (await fixture.CommandAsync("server_stats")).GetProperty("server_stats").GetProperty("packets_received").GetInt64();

        await fixture.CommandAsync("stat_reset");
        var after = (await fixture.CommandAsync("server_stats")).GetProperty("server_stats");

        Assert.True(before > 0);
        Assert.Equal(0, after.GetProperty("packets_received").GetInt64());
        Assert.Equal(0, after.GetProperty("max_latency").GetInt64());
    }

    [Fact]
    public async Task The_metrics_endpoint_serves_ZooKeeper_s_metric_names_in_Prometheus_text()
    {
        using var response = await fixture.Http.GetAsync($"http://127.0.0.1:{fixture.MetricsPort}/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var metrics = PrometheusText.Parse(text);
        var monitor = await fixture.CommandAsync("monitor");

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        foreach (var name in (string[])["znode_count", "watch_count", "ephemerals_count", "approximate_data_size", "outstanding_requests",
                     "packets_received", "packets_sent", "num_alive_connections", "avg_latency", "min_latency", "max_latency",
                     "uptime", "global_sessions", "open_file_descriptor_count", "quorum_size",
                     "fsynctime_count", "snapshottime_count", "election_time_count"])
            Assert.True(metrics.ContainsKey(name), $"no {name} in\n{text}");
        Assert.Contains("# TYPE znode_count gauge", text);
        Assert.Equal(monitor.GetProperty("znode_count").GetInt64(), metrics["znode_count"]);
    }
}

/// <summary>Prometheus' text exposition format: "name value" lines (no labels here), comments skipped.</summary>
public static class PrometheusText
{
    public static IReadOnlyDictionary<string, double> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' '))
            .Where(p => p.Length >= 2 && !p[0].Contains('{'))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
}
