using System.Diagnostics;
using System.Globalization;
using AkkaZk.ProcessTests.Ensemble;

namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>
/// A replicated Apache ZooKeeper 3.8 ensemble on loopback: one QuorumPeerMain JVM per member, each with its own
/// temp dir (zoo.cfg, data dir with myid), the same zoo.cfg text as <see cref="AkkaZkEnsemble"/> gives its members
/// (admin server off), members addressed by index 0..N-1 (server id = index + 1).
/// </summary>
public sealed class ReferenceZooKeeperEnsemble : IAsyncDisposable
{
    private static readonly TimeSpan LeaderTimeout = TimeSpan.FromSeconds(90);
    private readonly List<(TempDir Dir, RunningProcess Process)> _members = [];

    private ReferenceZooKeeperEnsemble(IReadOnlyList<MemberPorts> ports) => Ports = ports;

    public IReadOnlyList<MemberPorts> Ports { get; }

    public int Count => Ports.Count;

    /// <summary>Starts <paramref name="count"/> members together and waits until one leads and the others follow.</summary>
    public static async Task<ReferenceZooKeeperEnsemble> StartAsync(string purpose, int count = 3, int tickTime = AkkaZkEnsemble.DefaultTickTime)
    {
        var taken = FreePort.Take(4 * count);
        var ports = Enumerable.Range(0, count)
            .Select(i => new MemberPorts(i + 1, taken[4 * i], taken[4 * i + 1], taken[4 * i + 2], taken[4 * i + 3]))
            .ToList();
        var ensemble = new ReferenceZooKeeperEnsemble(ports);
        try
        {
            var lines = AkkaZkEnsemble.ServerLines(ports).Append("admin.enableServer=false").Append("forceSync=yes").ToList();
            for (var i = 0; i < count; i++)
            {
                var dir = new TempDir($"zkens-{purpose}-{i + 1}");
                var config = await AkkaZkEnsemble.WriteMemberAsync(dir, ports[i], tickTime, lines);
                ensemble._members.Add((dir, ProcessRunner.Start("java", JvmArguments(config))));
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

    /// <summary>As scripts/zk-reference.sh starts a member: the Debian package's jars, slf4j-simple logging to stderr.</summary>
    private static string[] JvmArguments(string config)
    {
        const string jars = "/usr/share/java";
        return
        [
            "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dzookeeper.admin.enableServer=false",
            "-cp", $"{jars}/zookeeper.jar:{jars}/zookeeper-jute.jar:{jars}/slf4j-simple.jar",
            "org.apache.zookeeper.server.quorum.QuorumPeerMain", config,
        ];
    }

    /// <summary>The `Mode:` line of a member's srvr, or null if it does not answer (yet).</summary>
    public async Task<string?> ModeAsync(int index)
    {
        var srvr = await FourLetterWords.AskAsync(Ports[index].Client, "srvr", TimeSpan.FromSeconds(5));
        return srvr?.Split('\n').FirstOrDefault(l => l.StartsWith("Mode: ", StringComparison.Ordinal))?["Mode: ".Length..].Trim();
    }

    /// <summary>Polls srvr until exactly one member says leader and the others follower; returns the leader's index.</summary>
    public async Task<int> WaitForLeaderAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var modes = await Task.WhenAll(Enumerable.Range(0, Count).Select(ModeAsync));
            if (modes.Count(m => m == "leader") == 1 && modes.Count(m => m == "follower") == Count - 1)
                return Array.IndexOf(modes, "leader");
            if (clock.Elapsed > LeaderTimeout || _members.Any(m => m.Process.HasExited))
                throw new InvalidOperationException(
                    $"Apache ZooKeeper: no single leader with followers within {clock.Elapsed.TotalSeconds:F0}s; modes: " +
                    string.Join(", ", modes.Select((m, i) => $"server {i + 1}={m ?? "no answer"}")) + "\n" + Diagnostics());
            await Task.Delay(200);
        }
    }

    public string Diagnostics() =>
        string.Join('\n', _members.Select((m, i) =>
            $"=== ZooKeeper server {i + 1} (exit code {m.Process.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "running"}):\n" +
            string.Join('\n', m.Process.StdErr.Split('\n').TakeLast(20))));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_members.Select(m => m.Process.TerminateAsync(TimeSpan.FromSeconds(10))));
        foreach (var (dir, process) in _members)
        {
            process.Dispose();
            dir.Dispose();
        }
    }
}
