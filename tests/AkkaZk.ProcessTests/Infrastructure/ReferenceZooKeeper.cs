namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>Apache ZooKeeper 3.8 standalone, started and stopped through scripts/zk-reference.sh on a free port.</summary>
public sealed class ReferenceZooKeeper : IRestartableZkServer
{
    private readonly TempDir _dir;
    private readonly ServerSettings _settings;

    private ReferenceZooKeeper(TempDir dir, int port, ServerSettings settings)
    {
        _dir = dir;
        ClientPort = port;
        _settings = settings;
    }

    public string Name => "Apache ZooKeeper";
    public int ClientPort { get; }
    public string ConnectString => $"127.0.0.1:{ClientPort}";
    public string LogFile => Path.Combine(_dir.Path, "zookeeper.log");

    public static async Task<ReferenceZooKeeper> StartAsync(string purpose, ServerSettings? settings = null)
    {
        settings ??= ServerSettings.Default;
        var dir = new TempDir("zk-" + purpose);
        var port = FreePort.Next();
        var result = await RunStartScriptAsync(dir, port, settings);
        if (!result.Succeeded)
        {
            dir.Dispose();
            throw new InvalidOperationException("Apache ZooKeeper did not start:\n" + result.Describe());
        }
        return new ReferenceZooKeeper(dir, port, settings);
    }

    public async Task StopAsync() =>
        await ProcessRunner.RunAsync(RepoPaths.ReferenceScript, ["stop", _dir.Path], TimeSpan.FromSeconds(30));

    /// <summary>zk-reference.sh keeps the data dir; the log file is rewritten, so it shows the latest run.</summary>
    public async Task RestartAsync()
    {
        var result = await RunStartScriptAsync(_dir, ClientPort, _settings);
        if (!result.Succeeded)
            throw new InvalidOperationException("Apache ZooKeeper did not start again:\n" + result.Describe());
    }

    private static Task<ProcessResult> RunStartScriptAsync(TempDir dir, int port, ServerSettings settings)
    {
        var env = new Dictionary<string, string>
        {
            ["ZK_JVMFLAGS"] = string.Join(' ', settings.SystemProperties.Select(p => $"-D{p.Key}={p.Value}")),
        };
        return ProcessRunner.RunAsync(
            RepoPaths.ReferenceScript, new[] { "start", port.ToString(), dir.Path }.Concat(settings.ZooCfgLines),
            TimeSpan.FromSeconds(60), env);
    }

    public string Diagnostics()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return $"{Name} on {ConnectString}, last log lines:\n" + string.Join('\n', lines.TakeLast(40));
        }
        catch (IOException e)
        {
            return $"{Name} on {ConnectString}: no log ({e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync(RepoPaths.ReferenceScript, ["stop", _dir.Path], TimeSpan.FromSeconds(30));
        _dir.Dispose();
    }
}
