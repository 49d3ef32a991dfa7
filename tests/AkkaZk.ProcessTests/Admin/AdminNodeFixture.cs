using System.Net;
using System.Text.Json;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Admin;

/// <summary>One AkkaZk node with its admin server and the Prometheus metrics endpoint, shared by a test class.</summary>
public sealed class AdminNodeFixture : IAsyncLifetime
{
    private AkkaZkNode? _node;

    public AkkaZkNode Node => _node ?? throw new InvalidOperationException("node not started");

    public int MetricsPort { get; } = FreePort.Next();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    public string AdminUrl => $"http://127.0.0.1:{Node.AdminPort}";

    public async Task InitializeAsync()
    {
        _node = await AkkaZkNode.StartAsync("admin", new ServerSettings(
        [
            "admin.serverAddress=127.0.0.1",
            "metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider",
            "metricsProvider.httpHost=127.0.0.1",
            $"metricsProvider.httpPort={MetricsPort}",
        ], new Dictionary<string, string>()));
        await WaitUntilServingAsync();
    }

    /// <summary>The client port answers imok once bound; the admin server's ruok waits for the whole node to serve.</summary>
    private async Task WaitUntilServingAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await CommandAsync("ruok")).GetProperty("error").ValueKind == JsonValueKind.Null)
                    return;
            }
            catch (HttpRequestException)
            {
                // the admin server may not listen yet
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the admin server's ruok never answered without an error\n" + Node.Diagnostics());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_node is not null)
            await _node.DisposeAsync();
    }

    /// <summary>GET /commands/name (with an optional query) as a JSON document; the status must be 200 as ZooKeeper's.</summary>
    public async Task<JsonElement> CommandAsync(string name, string query = "")
    {
        using var response = await Http.GetAsync($"{AdminUrl}/commands/{name}{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: HTTP {(int)response.StatusCode}\n{body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Runs `akkazk shell` with arguments (one command).</summary>
    public Task<ProcessResult> ShellAsync(params string[] args) =>
        ProcessRunner.RunAsync(RepoPaths.AkkaZkLauncher, new[] { "shell", Node.ConnectString }.Concat(args), TimeSpan.FromSeconds(90));

    /// <summary>Runs `akkazk shell connectString` with <paramref name="lines"/> on its stdin (not a terminal).</summary>
    public static async Task<ProcessResult> ShellScriptAsync(string connectString, IEnumerable<string> lines)
    {
        var script = Path.GetTempFileName();
        await File.WriteAllLinesAsync(script, lines);
        try
        {
            return await ProcessRunner.RunAsync("bash", ["-c", "\"$0\" shell \"$1\" < \"$2\"", RepoPaths.AkkaZkLauncher, connectString, script],
                TimeSpan.FromSeconds(90));
        }
        finally
        {
            File.Delete(script);
        }
    }
}
