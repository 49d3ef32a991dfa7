namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>
/// One `akkazk` process started as `scripts/akkazk [-Dk=v...] zoo.cfg` with a generated zoo.cfg
/// (tickTime, dataDir, clientPort, admin.serverPort, 4lw.commands.whitelist=*), stopped with SIGTERM.
/// A node can be killed (SIGKILL) and started again on the same configuration and data dir.
/// </summary>
public sealed class AkkaZkNode : IRestartableZkServer
{
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<ProcessResult>> Build = new(() =>
        ProcessRunner.RunAsync(RepoPaths.AkkaZkLauncher, ["version"], TimeSpan.FromMinutes(10)));

    private readonly TempDir _dir;
    private readonly string _launcher;
    private readonly IReadOnlyList<string> _args;
    private RunningProcess _process;
    private bool _ensembleMember;
    private string _earlierOutput = "";
    private int _disposed;
    private TimeSpan _startTimeout = DefaultStartTimeout;

    private AkkaZkNode(TempDir dir, RunningProcess process, int clientPort, int adminPort, string configFile,
        string launcher, IReadOnlyList<string> args)
    {
        _dir = dir;
        _process = process;
        ClientPort = clientPort;
        AdminPort = adminPort;
        ConfigFile = configFile;
        _launcher = launcher;
        _args = args;
    }

    public string Name => "AkkaZk";
    public int ClientPort { get; }
    public int AdminPort { get; }
    public string ConfigFile { get; }
    public string DataDir => Path.Combine(_dir.Path, "data");

    /// <summary>The node's temp dir (config file, data dir); it outlives restarts and goes with <see cref="DisposeAsync"/>.</summary>
    public string Home => _dir.Path;

    public int Pid => _process.Pid;

    /// <summary>The launcher's arguments (-D properties, then the config file), for running it by hand on the same data.</summary>
    public IReadOnlyList<string> Arguments => _args;
    public string ConnectString => $"127.0.0.1:{ClientPort}";
    public int? ExitCode => _process.ExitCode;
    public bool IsRunning => !_process.HasExited;
    public string StdOut => _process.StdOut;
    public string StdErr => _process.StdErr;

    /// <summary>Standard output of every run of this node so far (restarts included), oldest first.</summary>
    public string AllStdOut => _earlierOutput + _process.StdOut;

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
        var used = settings ?? ServerSettings.Default;
        return await StartWithConfigAsync(purpose, "zoo.cfg",
            (home, clientPort, adminPort) => ZooCfg(Path.Combine(home, "data"), clientPort, adminPort, used.ZooCfgLines),
            used.SystemProperties, launcher);
    }

    /// <summary>
    /// Starts a node on a configuration file of the test's making (a node.conf, say), written as
    /// <paramref name="fileName"/> into a fresh temp dir: <paramref name="content"/> gets that dir and two free
    /// ports (client, admin). The data dir should be `&lt;dir&gt;/data` for <see cref="DataDir"/> to be right.
    /// </summary>
    public static async Task<AkkaZkNode> StartWithConfigAsync(string purpose, string fileName,
        Func<string, int, int, string> content, IReadOnlyDictionary<string, string>? systemProperties = null,
        string? launcher = null)
    {
        launcher ??= RepoPaths.AkkaZkLauncher;
        if (!File.Exists(launcher))
            throw new InvalidOperationException(
                $"{Path.GetRelativePath(RepoPaths.Root, launcher)} does not exist, so there is no AkkaZk to test. " +
                "Set AKKAZK_TARGET=reference to run these tests with Apache ZooKeeper on both sides.");
        if (launcher == RepoPaths.AkkaZkLauncher)
            await EnsureBuiltAsync();
        var dir = new TempDir("akkazk-" + purpose);
        var ports = FreePort.Take(2);
        var config = Path.Combine(dir.Path, fileName);
        await File.WriteAllTextAsync(config, content(dir.Path, ports[0], ports[1]));
        var args = (systemProperties ?? new Dictionary<string, string>()).Select(p => $"-D{p.Key}={p.Value}").Append(config).ToList();
        var node = new AkkaZkNode(dir, ProcessRunner.Start(launcher, args), ports[0], ports[1], config, launcher, args);
        await node.WaitUntilServingAsync();
        return node;
    }

    /// <summary>
    /// Starts a node on a configuration file already written into <paramref name="dir"/> with ports the caller
    /// chose (an ensemble member's zoo.cfg names its peers' ports too, so they are all taken together). The node
    /// owns <paramref name="dir"/> from here on. It waits for the client port and "node started" only: an
    /// ensemble member is then still LOOKING or syncing.
    /// </summary>
    /// <param name="startTimeout">how long a start or restart may take (60 s unless said otherwise)</param>
    public static async Task<AkkaZkNode> StartInAsync(TempDir dir, string configFile, int clientPort, int adminPort,
        IReadOnlyDictionary<string, string>? systemProperties = null, TimeSpan? startTimeout = null)
    {
        await EnsureBuiltAsync();
        var args = (systemProperties ?? new Dictionary<string, string>()).Select(p => $"-D{p.Key}={p.Value}").Append(configFile).ToList();
        var node = new AkkaZkNode(dir, ProcessRunner.Start(RepoPaths.AkkaZkLauncher, args), clientPort, adminPort, configFile,
            RepoPaths.AkkaZkLauncher, args)
        { _startTimeout = startTimeout ?? DefaultStartTimeout, _ensembleMember = true };
        await node.WaitUntilServingAsync();
        return node;
    }

    /// <summary>
    /// Builds the launcher's Release binaries once per test run (scripts/akkazk builds on first use, which on a
    /// loaded machine can take longer than a node is given to start).
    /// </summary>
    public static async Task EnsureBuiltAsync()
    {
        var result = await Build.Value;
        if (!result.Succeeded)
            throw new InvalidOperationException("scripts/akkazk version failed (build?):\n" + result.Describe());
    }

    /// <summary>SIGKILL (no shutdown of any kind) and wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        if (!await _process.WaitForExitAsync(TimeSpan.FromSeconds(10)))
            throw new InvalidOperationException($"AkkaZk pid {_process.Pid} survived SIGKILL");
    }

    /// <summary>Starts the node again, same command line, config file and data dir, after it stopped or was killed.</summary>
    public async Task RestartAsync()
    {
        if (!_process.HasExited)
            throw new InvalidOperationException("the node is still running; stop or kill it first");
        _earlierOutput += _process.StdOut + $"--- restarted ({_process.CommandLine}) ---\n";
        _process.Dispose();
        _process = ProcessRunner.Start(_launcher, _args);
        await WaitUntilServingAsync();
    }

    /// <summary>
    /// A standalone node is up when it answers imok; an ensemble member says imok only once it serves (after its
    /// election and sync), so for one of those "node started" is the sign, and the fixture waits for the role.
    /// </summary>
    private async Task WaitUntilServingAsync()
    {
        var process = _process;
        if (_ensembleMember)
        {
            var until = DateTime.UtcNow + _startTimeout;
            while (!process.StdOut.Contains("node started", StringComparison.Ordinal) && !process.HasExited && DateTime.UtcNow < until)
                await Task.Delay(50);
            if (process.StdOut.Contains("node started", StringComparison.Ordinal))
                return;
            var reason = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not start within {_startTimeout.TotalSeconds}s";
            var log = Diagnostics();
            await DisposeAsync();
            throw new InvalidOperationException($"AkkaZk ({process.CommandLine}) {reason}.\n{log}");
        }
        if (!await FourLetterWords.WaitForImOkAsync(ClientPort, _startTimeout, () => !process.HasExited))
        {
            var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"gave no imok within {_startTimeout.TotalSeconds}s";
            var output = Diagnostics();
            await DisposeAsync();
            throw new InvalidOperationException($"AkkaZk ({process.CommandLine}) {why}.\n{output}");
        }
        // imok comes once the client port is open; the admin server and the election start after it. The root
        // logs "node started" when every startup step is done.
        var deadline = DateTime.UtcNow + _startTimeout;
        while (!process.StdOut.Contains("node started", StringComparison.Ordinal) && !process.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    /// <summary>SIGTERM and wait; returns the exit code (SIGKILL after <paramref name="grace"/>).</summary>
    public async Task<int?> StopAsync(TimeSpan? grace = null)
    {
        await _process.TerminateAsync(grace ?? TimeSpan.FromSeconds(15));
        return _process.ExitCode;
    }

    Task IRestartableZkServer.StopAsync() => StopAsync();

    public string Diagnostics() =>
        $"{Name} on {ConnectString} ({_process.CommandLine}), exit code {ExitCode?.ToString() ?? "none yet"}\n" +
        $"--- stdout ---\n{Tail(StdOut)}\n--- stderr ---\n{Tail(StdErr)}";

    public async ValueTask DisposeAsync()
    {
        // a node that failed to (re)start disposed itself already; its owner may dispose it again
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await StopAsync();
        _process.Dispose();
        _dir.Dispose();
    }

    private static string Tail(string text) => text.Length <= 8000 ? text : "[...]\n" + text[^8000..];
}
