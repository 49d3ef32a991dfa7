using System.Diagnostics;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Lifecycle;

/// <summary>Starting and stopping `akkazk` the way an operator does: the example zoo.cfg, SIGTERM, a broken config.</summary>
public sealed class LifecycleTests
{
    private static readonly string ExampleZooCfg = Path.Combine(RepoPaths.Root, "hocon", "examples", "standalone", "zoo.cfg");

    /// <summary>The example zoo.cfg with free ports; its relative dataDir=./data resolves against <paramref name="home"/>.</summary>
    private static async Task<(string Config, int ClientPort, int AdminPort)> CopyExampleAsync(string home, Func<string, string>? edit = null)
    {
        var ports = FreePort.Take(2);
        var text = (await File.ReadAllTextAsync(ExampleZooCfg))
            .Replace("clientPort=2181", $"clientPort={ports[0]}")
            .Replace("admin.serverPort=8080", $"admin.serverPort={ports[1]}");
        Assert.Contains("dataDir=./data", text);
        var config = Path.Combine(home, "zoo.cfg");
        await File.WriteAllTextAsync(config, edit is null ? text : edit(text));
        return (config, ports[0], ports[1]);
    }

    [Fact]
    public async Task Node_from_the_example_zoo_cfg_serves_client_and_admin_ports_and_exits_0_within_5_seconds_of_SIGTERM()
    {
        await AkkaZkNode.EnsureBuiltAsync();
        using var home = new TempDir("lifecycle");
        var (config, clientPort, adminPort) = await CopyExampleAsync(home.Path);
        using var node = ProcessRunner.Start(RepoPaths.AkkaZkLauncher, [config], workingDirectory: home.Path);

        Assert.True(await FourLetterWords.WaitForImOkAsync(clientPort, TimeSpan.FromSeconds(60), () => !node.HasExited),
            "no imok on the client port\n" + node.Result().Describe());
        var admin = await AskAdminAsync(adminPort, "ruok", TimeSpan.FromSeconds(15));
        Assert.True(admin is not null, $"nothing on admin port {adminPort}\n" + node.Result().Describe());
        Assert.Contains("ruok", admin);
        Assert.True(File.Exists(Path.Combine(home.Path, "data", "txnlog.db")), "dataDir=./data should resolve against the working directory");

        var clock = Stopwatch.StartNew();
        await ProcessRunner.RunAsync("kill", ["-TERM", node.Pid.ToString()], TimeSpan.FromSeconds(10));
        var exited = await node.WaitForExitAsync(TimeSpan.FromSeconds(5));
        var took = clock.Elapsed;

        Assert.True(exited, "still running 5 s after SIGTERM\n" + node.Result().Describe());
        Assert.True(node.ExitCode == 0, $"exit code {node.ExitCode} after SIGTERM ({took.TotalSeconds:F1}s)\n" + node.Result().Describe());
        Assert.Null(await FourLetterWords.AskAsync(clientPort, "ruok", TimeSpan.FromSeconds(2)));
    }

    /// <summary>
    /// Started from its data dir's parent, with the admin server and the metrics endpoint up, a node holds no inotify
    /// watch: a recursive watch over the working directory would be woken by every journal write.
    /// </summary>
    [Fact]
    public async Task Node_run_from_its_data_dirs_parent_holds_no_file_watch()
    {
        await AkkaZkNode.EnsureBuiltAsync();
        using var home = new TempDir("lifecycle-watch");
        var metricsPort = FreePort.Take(1)[0];
        var (config, clientPort, adminPort) = await CopyExampleAsync(home.Path, text => text +
            "\nmetricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider\n" +
            $"metricsProvider.httpHost=127.0.0.1\nmetricsProvider.httpPort={metricsPort}\n");
        using var node = ProcessRunner.Start(RepoPaths.AkkaZkLauncher, [config], workingDirectory: home.Path);
        Assert.True(await FourLetterWords.WaitForImOkAsync(clientPort, TimeSpan.FromSeconds(60), () => !node.HasExited),
            "no imok on the client port\n" + node.Result().Describe());
        Assert.NotNull(await AskAdminAsync(adminPort, "ruok", TimeSpan.FromSeconds(15)));
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            Assert.Contains("znode_count", await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics"));

        var watches = Directory.GetFiles($"/proc/{node.Pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Count(target => target == "anon_inode:inotify");

        Assert.True(watches == 0, $"the node holds {watches} inotify descriptor(s)\n" + node.Result().Describe());
    }

    /// <summary>GET /commands/&lt;command&gt; until it answers 200 (the admin server opens just after the client port).</summary>
    private static async Task<string?> AskAdminAsync(int port, string command, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                var response = await http.GetAsync($"http://127.0.0.1:{port}/commands/{command}");
                if (response.IsSuccessStatusCode)
                    return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        return null;
    }

    [Fact]
    public async Task Bad_tickTime_exits_nonzero_with_one_line_naming_file_line_and_key_and_creates_no_data_dir()
    {
        using var home = new TempDir("lifecycle-bad");
        var (config, clientPort, _) = await CopyExampleAsync(home.Path, text => text.Replace("tickTime=2000", "tickTime=abc"));
        var line = Array.FindIndex(await File.ReadAllLinesAsync(config), l => l == "tickTime=abc") + 1;

        var result = await AkkaZkTool.RunAsync([config], TimeSpan.FromSeconds(60), workingDirectory: home.Path);

        Assert.False(result.TimedOut, result.Describe());
        Assert.NotEqual(0, result.ExitCode);
        var errors = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(errors.Length == 1, "expected one line on stderr:\n" + result.Describe());
        Assert.Contains($"zoo.cfg:{line}", errors[0]);
        Assert.Contains("tickTime", errors[0]);
        Assert.Contains("abc", errors[0]);
        Assert.False(Directory.Exists(Path.Combine(home.Path, "data")), "the data dir was created for a config that does not parse");
        Assert.Null(await FourLetterWords.AskAsync(clientPort, "ruok", TimeSpan.FromSeconds(1)));
    }
}
