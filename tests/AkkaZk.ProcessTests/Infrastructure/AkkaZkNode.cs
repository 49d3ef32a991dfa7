namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>
/// One `akkazk` process started as `scripts/akkazk [-Dk=v...] zoo.cfg` with a generated zoo.cfg
/// (tickTime, dataDir, clientPort, admin.serverPort, 4lw.commands.whitelist=*), stopped with SIGTERM.
/// </summary>
public sealed class AkkaZkNode : IZkServer
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDir _dir;
    private readonly RunningProcess _process;

    private AkkaZkNode(TempDir dir, RunningProcess process, int clientPort, int adminPort, string configFile)
    {
        _dir = dir;
        _process = process;
        ClientPort = clientPort;
        AdminPort = adminPort;
        ConfigFile = configFile;
    }

    public string Name => "AkkaZk";
    public int ClientPort { get; }
    public int AdminPort { get; }
    public string ConfigFile { get; }
    public string DataDir => Path.Combine(_dir.Path, "data");
    public string ConnectString => $"127.0.0.1:{ClientPort}";
    public int? ExitCode => _process.ExitCode;
    public string StdOut => _process.StdOut;
    public string StdErr => _process.StdErr;

    public static bool LauncherExists => File.Exists(RepoPaths.AkkaZkLauncher);

    /// <summary>The zoo.cfg an AkkaZk node under test gets.</summary>
    public static string ZooCfg(string dataDir, int clientPort, int adminPort, IEnumerable<string> extraLines) =>
        string.Join('\n', new[]
        {
            "tickTime=2000",
            $"dataDir={dataDir}",
            $"clientPort={clientPort}",
            "clientPortAddress=127.0.0.1",
            $"admin.serverPort={adminPort}",
            "4lw.commands.whitelist=*",
        }.Concat(extraLines)) + "\n";

    /// <param name="launcher">the launcher to run; scripts/akkazk unless a test says otherwise</param>
    public static async Task<AkkaZkNode> StartAsync(string purpose, ServerSettings? settings = null, string? launcher = null)
    {
        settings ??= ServerSettings.Default;
        launcher ??= RepoPaths.AkkaZkLauncher;
        if (!File.Exists(launcher))
            throw new InvalidOperationException(
                $"{Path.GetRelativePath(RepoPaths.Root, launcher)} does not exist, so there is no AkkaZk to test. " +
                "Set AKKAZK_TARGET=reference to run these tests with Apache ZooKeeper on both sides.");
        var dir = new TempDir("akkazk-" + purpose);
        var ports = FreePort.Take(2);
        var config = Path.Combine(dir.Path, "zoo.cfg");
        await File.WriteAllTextAsync(config, ZooCfg(Path.Combine(dir.Path, "data"), ports[0], ports[1], settings.ZooCfgLines));
        var args = settings.SystemProperties.Select(p => $"-D{p.Key}={p.Value}").Append(config);
        var process = ProcessRunner.Start(launcher, args);
        var node = new AkkaZkNode(dir, process, ports[0], ports[1], config);
        if (!await FourLetterWords.WaitForImOkAsync(ports[0], StartTimeout, () => !process.HasExited))
        {
            var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"gave no imok within {StartTimeout.TotalSeconds}s";
            var output = node.Diagnostics();
            await node.DisposeAsync();
            throw new InvalidOperationException($"AkkaZk ({process.CommandLine}) {why}.\n{output}");
        }
        return node;
    }

    /// <summary>SIGTERM and wait; returns the exit code (SIGKILL after <paramref name="grace"/>).</summary>
    public async Task<int?> StopAsync(TimeSpan? grace = null)
    {
        await _process.TerminateAsync(grace ?? TimeSpan.FromSeconds(15));
        return _process.ExitCode;
    }

    public string Diagnostics() =>
        $"{Name} on {ConnectString} ({_process.CommandLine}), exit code {ExitCode?.ToString() ?? "none yet"}\n" +
        $"--- stdout ---\n{Tail(StdOut)}\n--- stderr ---\n{Tail(StdErr)}";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        _dir.Dispose();
    }

    private static string Tail(string text) => text.Length <= 8000 ? text : "[...]\n" + text[^8000..];
}
