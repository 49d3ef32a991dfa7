using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Admin;

public sealed class StatusCommandTests(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    private static Task<ProcessResult> Akkazk(params string[] args) =>
        ProcessRunner.RunAsync(RepoPaths.AkkaZkLauncher, args, TimeSpan.FromSeconds(90));

    [Fact]
    public async Task Status_through_the_admin_port_shows_mode_zxid_and_the_node_count_the_admin_server_reports()
    {
        var result = await Akkazk("status", $"127.0.0.1:{fixture.Node.AdminPort}");
        var stats = await fixture.CommandAsync("server_stats");

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains("Mode: standalone\n", result.StdOut);
        Assert.Contains($"Node count: {stats.GetProperty("node_count").GetInt64()}\n", result.StdOut);
        Assert.Contains($"Zxid: 0x{stats.GetProperty("server_stats").GetProperty("last_processed_zxid").GetInt64():x}\n", result.StdOut);
        Assert.Contains("admin server", result.StdOut);
    }

    [Fact]
    public async Task Status_through_the_client_port_reads_srvr()
    {
        var result = await Akkazk("status", fixture.Node.ConnectString);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains("Mode: standalone\n", result.StdOut);
        Assert.Contains("srvr", result.StdOut);
    }

    [Fact]
    public async Task Cluster_on_a_standalone_node_says_there_is_no_ensemble()
    {
        var result = await Akkazk("cluster", fixture.Node.ConnectString);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains("standalone node: no ensemble", result.StdOut);
    }

    [Fact]
    public async Task Status_of_a_port_nobody_listens_on_fails_like_zkServer_sh()
    {
        var result = await Akkazk("status", $"127.0.0.1:{FreePort.Next()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("It is probably not running", result.StdErr);
    }
}
