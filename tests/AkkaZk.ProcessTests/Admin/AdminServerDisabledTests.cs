using System.Net.Sockets;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Admin;

public sealed class AdminServerDisabledTests
{
    [Fact]
    public async Task With_admin_enableServer_false_nothing_listens_on_the_admin_port_while_the_client_port_and_metrics_serve()
    {
        var metricsPort = FreePort.Next();
        await using var node = await AkkaZkNode.StartAsync("admin-off", new ServerSettings(
        [
            "admin.enableServer=false",
            "metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider",
            "metricsProvider.httpHost=127.0.0.1",
            $"metricsProvider.httpPort={metricsPort}",
        ], new Dictionary<string, string>()));

        using var tcp = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", node.AdminPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Contains("Mode: standalone", await FourLetterWords.AskAsync(node.ClientPort, "srvr", TimeSpan.FromSeconds(5)));
        using var http = new HttpClient();
        var metrics = PrometheusText.Parse(await MetricsAsync(http, metricsPort));
        Assert.Equal(5, metrics["znode_count"]);
    }

    /// <summary>The metrics endpoint starts with the admin actor, a moment after the client port answers.</summary>
    private static async Task<string> MetricsAsync(HttpClient http, int port)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            }
            catch (HttpRequestException) when (i < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task The_four_letter_word_whitelist_does_not_limit_the_admin_server_as_in_ZooKeeper_3_8()
    {
        await using var node = await AkkaZkNode.StartAsync("admin-wl",
            new ServerSettings(["4lw.commands.whitelist=srvr,ruok"], new Dictionary<string, string>()));
        using var http = new HttpClient();

        var mntr = await http.GetStringAsync($"http://127.0.0.1:{node.AdminPort}/commands/mntr");

        Assert.Contains("\"znode_count\"", mntr);
        Assert.Equal("mntr is not executed because it is not in the whitelist.\n",
            await FourLetterWords.AskAsync(node.ClientPort, "mntr", TimeSpan.FromSeconds(5)));
    }
}
