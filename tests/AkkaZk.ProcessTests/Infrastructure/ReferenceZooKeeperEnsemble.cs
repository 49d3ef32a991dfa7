using System.Diagnostics;
using System.Globalization;

namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>
/// A replicated Apache ZooKeeper 3.8 ensemble on loopback: one QuorumPeerMain JVM per member (the Debian jars), each
/// with its own temp dir, zoo.cfg and myid, free client/quorum/election ports, the admin server off. Members are
/// addressed by index 0..N-1 (server id = index + 1) and can be killed (SIGKILL), restarted on the same data, and
/// paused (SIGSTOP) and resumed (SIGCONT).
/// </summary>
public sealed class ReferenceZooKeeperEnsemble : IAsyncDisposable
{
    private const string Jars = "/usr/share/java";
    private static readonly TimeSpan LeaderTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDir[] _dirs;
    private readonly RunningProcess?[] _processes;
    private readonly string[] _earlierOutput;

    private ReferenceZooKeeperEnsemble(IReadOnlyList<int> clientPorts, TempDir[] dirs)
    {
        ClientPorts = clientPorts;
        _dirs = dirs;
        _processes = new RunningProcess?[dirs.Length];
        _earlierOutput = Enumerable.Repeat("", dirs.Length).ToArray();
    }

    public IReadOnlyList<int> ClientPorts { get; }

    public int Count => ClientPorts.Count;

    public string ConnectString => string.Join(',', ClientPorts.Select(p => $"127.0.0.1:{p}"));

    public int Pid(int index) => Process(index).Pid;

    public bool IsRunning(int index) => _processes[index] is { HasExited: false };

    /// <summary>Starts <paramref name="count"/> members (zoo.cfg gets <paramref name="extraLines"/>) and waits for one leader and serving followers.</summary>
    public static async Task<ReferenceZooKeeperEnsemble> StartAsync(string purpose, int count = 3, int tickTime = 500,
        IReadOnlyList<string>? extraLines = null)
    {
        var ports = FreePort.Take(3 * count);
        var clientPorts = Enumerable.Range(0, count).Select(i => ports[3 * i]).ToList();
        var serverLines = Enumerable.Range(0, count)
            .Select(i => $"server.{i + 1}=127.0.0.1:{ports[3 * i + 1]}:{ports[3 * i + 2]}").ToList();
        var dirs = Enumerable.Range(0, count).Select(i => new TempDir($"zkens-{purpose}-{i + 1}")).ToArray();
        var ensemble = new ReferenceZooKeeperEnsemble(clientPorts, dirs);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var dataDir = dirs[i].Sub("data");
                await File.WriteAllTextAsync(Path.Combine(dataDir, "myid"), (i + 1).ToString(CultureInfo.InvariantCulture) + "\n");
                await File.WriteAllTextAsync(ensemble.ConfigFile(i), string.Join('\n', new[]
                {
                    $"tickTime={tickTime}",
                    "initLimit=20",
                    "syncLimit=10",
                    $"dataDir={dataDir}",
                    $"clientPort={clientPorts[i]}",
                    "clientPortAddress=127.0.0.1",
                    "maxClientCnxns=0",
                    "4lw.commands.whitelist=*",
                    "admin.enableServer=false",
                }.Concat(serverLines).Concat(extraLines ?? [])) + "\n");
                ensemble.Launch(i);
            }
            await ensemble.WaitForLeaderAsync();
            return ensemble;
        }
        catch
        {
            await ensemble.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Polls srvr until exactly one of <paramref name="members"/> (default: every running member) leads and the
    /// others follow; returns the leader's index. ZooKeeper answers srvr with a Mode only while it serves.
    /// </summary>
    public async Task<int> WaitForLeaderAsync(TimeSpan? timeout = null, IReadOnlyCollection<int>? members = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var asked = (members ?? Enumerable.Range(0, Count).Where(IsRunning).ToList()).ToList();
            var modes = await Task.WhenAll(asked.Select(ModeAsync));
            var leaders = asked.Where((_, k) => modes[k] == "leader").ToList();
            if (leaders.Count == 1 && modes.Count(m => m == "follower") == asked.Count - 1)
                return leaders[0];
            if (clock.Elapsed > (timeout ?? LeaderTimeout))
            {
                throw new InvalidOperationException("no single ZooKeeper leader with serving followers; modes: " +
                    string.Join(", ", asked.Select((i, k) => $"server {i + 1}={modes[k] ?? "no answer"}")) + "\n" + Diagnostics());
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The `Mode:` line of a member's srvr, or null if it does not answer or does not serve.</summary>
    public async Task<string?> ModeAsync(int index)
    {
        var srvr = await FourLetterWords.AskAsync(ClientPorts[index], "srvr", TimeSpan.FromSeconds(5));
        return srvr?.Split('\n').FirstOrDefault(l => l.StartsWith("Mode: ", StringComparison.Ordinal))?["Mode: ".Length..].Trim();
    }

    /// <summary>SIGKILL of one member, waiting until the JVM is gone.</summary>
    public async Task KillAsync(int index)
    {
        var process = Process(index);
        process.Kill();
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(10)))
            throw new InvalidOperationException($"ZooKeeper pid {process.Pid} survived SIGKILL");
    }

    /// <summary>Starts a killed member again on its config and data dir (it may still be LOOKING after).</summary>
    public Task RestartAsync(int index)
    {
        var process = Process(index);
        if (!process.HasExited)
            throw new InvalidOperationException($"ZooKeeper server {index + 1} is still running");
        _earlierOutput[index] += process.StdOut + process.StdErr + "--- restarted ---\n";
        process.Dispose();
        Launch(index);
        return Task.CompletedTask;
    }

    public string Diagnostics() =>
        string.Join('\n', Enumerable.Range(0, Count).Where(i => _processes[i] is not null).Select(i =>
        {
            var log = _earlierOutput[i] + _processes[i]!.StdOut + _processes[i]!.StdErr;
            return $"=== ZooKeeper server {i + 1} on 127.0.0.1:{ClientPorts[i]}, " +
                   $"{(_processes[i]!.HasExited ? "exited" : "running")}, log tail:\n{(log.Length <= 6000 ? log : log[^6000..])}";
        }));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Where(p => p is not null))
        {
            // a member paused by a failed test must be able to take its SIGTERM
            await ProcessRunner.RunAsync("kill", ["-CONT", process!.Pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
            await process.TerminateAsync(TimeSpan.FromSeconds(10));
            process.Dispose();
        }
        foreach (var dir in _dirs)
            dir.Dispose();
    }

    private string ConfigFile(int index) => Path.Combine(_dirs[index].Path, "zoo.cfg");

    private RunningProcess Process(int index) =>
        _processes[index] ?? throw new InvalidOperationException($"ZooKeeper server {index + 1} was never started");

    private void Launch(int index) =>
        _processes[index] = ProcessRunner.Start("java",
        [
            "-Xmx256m", "-XX:+UseSerialGC",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dzookeeper.admin.enableServer=false",
            "-cp", $"{Jars}/zookeeper.jar:{Jars}/zookeeper-jute.jar:{Jars}/slf4j-simple.jar",
            "org.apache.zookeeper.server.quorum.QuorumPeerMain", ConfigFile(index),
        ]);
}
