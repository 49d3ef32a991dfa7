using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AkkaZk.ProcessTests.Infrastructure;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// A replicated ensemble of real `akkazk` processes on loopback: each member has its own temp dir (zoo.cfg,
/// data dir with myid) and free client, quorum, election and admin ports; every zoo.cfg lists all members as
/// server.N=127.0.0.1:quorum:election. A small tickTime makes session expiry and elections quick. Members are addressed by
/// index 0..N-1 (server id = index + 1).
/// </summary>
public sealed class AkkaZkEnsemble : IAsyncDisposable
{
    public const int DefaultTickTime = 500;
    private static readonly TimeSpan LeaderTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Three members starting at once on a small shared machine each take several times a lone node's start.</summary>
    private static readonly TimeSpan MemberStartTimeout = TimeSpan.FromSeconds(120);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly AkkaZkNode?[] _nodes;
    private readonly Dictionary<int, (TempDir Dir, Func<Task<AkkaZkNode>> Start)> _heldBack = [];

    private AkkaZkEnsemble(IReadOnlyList<MemberPorts> ports, int tickTime)
    {
        Ports = ports;
        TickTime = tickTime;
        _nodes = new AkkaZkNode?[ports.Count];
    }

    /// <summary>Every member's ports, by index.</summary>
    public IReadOnlyList<MemberPorts> Ports { get; }

    public int TickTime { get; }

    public int Count => Ports.Count;

    public AkkaZkNode this[int index] => _nodes[index] ?? throw new InvalidOperationException($"member {index} was never started");

    public IEnumerable<AkkaZkNode> Nodes => _nodes.Where(n => n is not null).Select(n => n!);

    /// <summary>"127.0.0.1:p1,127.0.0.1:p2,..." over every member, for clients that fail over between servers.</summary>
    public string ConnectString => string.Join(',', Ports.Select(p => $"127.0.0.1:{p.Client}"));

    /// <summary>
    /// Starts <paramref name="count"/> members together (the election needs a quorum of them) and waits until one
    /// leads and the others follow.
    /// </summary>
    /// <param name="extraLines">zoo.cfg lines every member gets (e.g. maxSessionTimeout)</param>
    /// <param name="heldBack">members (by index) configured but not started: <see cref="StartHeldBackAsync"/> starts them</param>
    public static async Task<AkkaZkEnsemble> StartAsync(string purpose, int count = 3, int tickTime = DefaultTickTime,
        IReadOnlyList<string>? extraLines = null, IReadOnlyDictionary<string, string>? systemProperties = null,
        IReadOnlyCollection<int>? heldBack = null)
    {
        var taken = FreePort.Take(4 * count);
        var ports = Enumerable.Range(0, count)
            .Select(i => new MemberPorts(i + 1, taken[4 * i], taken[4 * i + 1], taken[4 * i + 2], taken[4 * i + 3]))
            .ToList();
        var ensemble = new AkkaZkEnsemble(ports, tickTime);
        try
        {
            await AkkaZkNode.EnsureBuiltAsync();
            var serverLines = ServerLines(ports);
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                var dir = new TempDir($"ens-{purpose}-{i + 1}");
                var config = await WriteMemberAsync(dir, ports[i], tickTime, serverLines.Concat(extraLines ?? []));
                Task<AkkaZkNode> Start() => AkkaZkNode.StartInAsync(dir, config, ports[i].Client, ports[i].Admin, systemProperties,
                    MemberStartTimeout);
                if (heldBack?.Contains(i) == true)
                    ensemble._heldBack[i] = (dir, Start);
                else
                    ensemble._nodes[i] = await Start();
            }));
            await ensemble.WaitForLeaderAsync();
            return ensemble;
        }
        catch
        {
            await ensemble.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server.N lines of an ensemble of these members.</summary>
    public static IReadOnlyList<string> ServerLines(IEnumerable<MemberPorts> members) =>
        members.Select(p => $"server.{p.Id}=127.0.0.1:{p.Quorum}:{p.Election}").ToList();

    /// <summary>
    /// Writes dir/zoo.cfg and dir/data/myid for one member; <paramref name="lines"/> are its server.N lines and
    /// anything else it should get. Returns the zoo.cfg path.
    /// </summary>
    public static async Task<string> WriteMemberAsync(TempDir dir, MemberPorts ports, int tickTime, IEnumerable<string> lines)
    {
        var dataDir = dir.Sub("data");
        await File.WriteAllTextAsync(Path.Combine(dataDir, "myid"), ports.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        var config = Path.Combine(dir.Path, "zoo.cfg");
        await File.WriteAllTextAsync(config, ZooCfg(dataDir, ports, tickTime, lines));
        return config;
    }

    public static string ZooCfg(string dataDir, MemberPorts ports, int tickTime, IEnumerable<string> lines) =>
        string.Join('\n', new[]
        {
            $"tickTime={tickTime}",
            // a killed member is noticed at once (its TCP connections break); generous limits keep a member that
            // only stalls on the loaded test machine (GC, CPU starvation) from being dropped for silence
            "initLimit=20",
            "syncLimit=10",
            $"dataDir={dataDir}",
            $"clientPort={ports.Client}",
            "clientPortAddress=127.0.0.1",
            "admin.serverAddress=127.0.0.1",
            $"admin.serverPort={ports.Admin}",
            "4lw.commands.whitelist=*",
        }.Concat(lines)) + "\n";

    /// <summary>The `Mode:` line of a member's srvr (leader, follower, looking, ...), or null if it does not answer.</summary>
    public async Task<string?> ModeAsync(int index)
    {
        var srvr = await FourLetterWords.AskAsync(Ports[index].Client, "srvr", TimeSpan.FromSeconds(5));
        return srvr?.Split('\n').FirstOrDefault(l => l.StartsWith("Mode: ", StringComparison.Ordinal))?["Mode: ".Length..].Trim();
    }

    /// <summary>
    /// Whether a member serves clients, by its admin server's ruok (error null). srvr's Mode alone does not tell:
    /// a member says leader or follower from the election on, while it still syncs and turns clients away.
    /// </summary>
    public async Task<bool> IsServingAsync(int index)
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{Ports[index].Admin}/commands/ruok");
            if (!response.IsSuccessStatusCode)
                return false;
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Polls srvr on every running member until exactly one says leader and every other says follower, and all of
    /// them serve clients; returns the leader's index. <paramref name="members"/> limits the members that must take
    /// part (default: all running).
    /// </summary>
    public async Task<int> WaitForLeaderAsync(TimeSpan? timeout = null, IReadOnlyCollection<int>? members = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? LeaderTimeout;
        var modes = Array.Empty<string?>();
        while (true)
        {
            var asked = (members ?? Enumerable.Range(0, Count).Where(i => _nodes[i] is { IsRunning: true }).ToList()).ToList();
            modes = await Task.WhenAll(asked.Select(ModeAsync));
            var leaders = asked.Where((_, k) => modes[k] == "leader").ToList();
            if (leaders.Count == 1 && modes.Count(m => m == "follower") == asked.Count - 1 &&
                (await Task.WhenAll(asked.Select(IsServingAsync))).All(serving => serving))
                return leaders[0];
            if (clock.Elapsed > limit)
            {
                throw new InvalidOperationException(
                    $"no single leader with serving followers within {limit.TotalSeconds}s; modes: " +
                    string.Join(", ", asked.Select((i, k) => $"server {i + 1}={modes[k] ?? "no answer"}")) + "\n" + Diagnostics());
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL of one member (a crash), waiting until the process is gone.</summary>
    public Task KillAsync(int index) => this[index].KillAsync();

    /// <summary>SIGTERM of one member; returns its exit code.</summary>
    public Task<int?> StopAsync(int index) => this[index].StopAsync();

    /// <summary>Starts a stopped or killed member again on its config and data dir (it may still be LOOKING or syncing after).</summary>
    public Task RestartAsync(int index) => this[index].RestartAsync();

    /// <summary>Starts a member that <see cref="StartAsync"/> held back (it may still be LOOKING or syncing after).</summary>
    public async Task StartHeldBackAsync(int index)
    {
        if (!_heldBack.Remove(index, out var member))
            throw new InvalidOperationException($"member {index} was not held back");
        _nodes[index] = await member.Start();
    }

    /// <summary>Every member's state and output tail, for failure messages.</summary>
    public string Diagnostics() =>
        string.Join('\n', Enumerable.Range(0, Count).Where(i => _nodes[i] is not null)
            .Select(i => $"=== server {i + 1}: {_nodes[i]!.Diagnostics()}"));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask()));
        foreach (var (dir, _) in _heldBack.Values)
            dir.Dispose();
    }
}

/// <summary>One member's server id and loopback ports.</summary>
public sealed record MemberPorts(int Id, int Client, int Quorum, int Election, int Admin);
