using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using AkkaZk.Client;
using AkkaZk.Config;
using AkkaZk.Election;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

/// <summary>The clock and limits of an in-process ensemble: a short tick so elections and timeouts take fractions of a second.</summary>
/// <param name="Observers">how many of the nodes, the last ones, are observers (server.N=...:observer).</param>
/// <param name="Hocon">Akka settings every node gets on top of the ensemble's (e.g. a shorter handshake timeout).</param>
internal sealed record EnsembleOptions(int TickTime = 200, int InitLimit = 10, int SyncLimit = 5, int CommitLogCount = ZkDefaults.CommitLogCount,
    int Observers = 0, string Hocon = "");

/// <summary>
/// 3 or 5 AkkaZk servers in one process, each its own ActorSystem on loopback with free ports (quorum port = its
/// Akka.Remote endpoint, client port for ZkClient) and its own temp data dir. Akka.Remote's throttler transport
/// adapter sits under every association, so specs can cut the network between servers (blackhole) and heal it.
/// Nodes are numbered 0..N-1; node i is server id i+1.
/// </summary>
internal sealed class InProcessEnsemble : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly string _root;
    private readonly ITestOutputHelper? _output;
    private readonly EnsembleNode[] _nodes;
    private readonly HashSet<(int, int)> _cut = [];
    private readonly string _hocon;
    private readonly List<ZkClient> _clients = [];

    private const string TestHocon = """
        akka.loggers = ["AkkaZk.Tests.Ensemble.NodeLogSink, AkkaZk.Server.Tests"]
        akka.stdout-loglevel = OFF
        akka.loglevel = INFO
        akka.remote.dot-netty.tcp.applied-adapters = [trttl]
        """;

    private InProcessEnsemble(int size, EnsembleOptions options, ITestOutputHelper? output)
    {
        _output = output;
        _hocon = TestHocon + "\n" + options.Hocon;
        _root = Path.Combine(Path.GetTempPath(), "akkazk-ensemble-" + Guid.NewGuid().ToString("N")[..12]);
        // per server: quorum port (its Akka.Remote endpoint), election port (zoo.cfg needs a distinct one; votes
        // travel over the quorum port too, so nothing binds it), client port
        var ports = FreePorts(size * 3);
        var servers = Enumerable.Range(0, size)
            .Select(i => new ServerSpec(i + 1, "127.0.0.1", ports[3 * i], ports[3 * i + 1],
                i >= size - options.Observers ? PeerRole.Observer : PeerRole.Participant, null, null))
            .ToList();
        var logPrefix = Path.GetFileName(_root);
        _nodes = Enumerable.Range(0, size).Select(i =>
        {
            var dataDir = Path.Combine(_root, $"node{i + 1}");
            var draft = new NodeSettings
            {
                DataDir = dataDir,
                DataLogDir = dataDir,
                ClientPort = ports[3 * i + 2],
                ClientPortAddress = "127.0.0.1",
                TickTime = options.TickTime,
                InitLimit = options.InitLimit,
                SyncLimit = options.SyncLimit,
                CommitLogCount = options.CommitLogCount,
                MinSessionTimeout = ZkDefaults.SessionTimeoutUnset,
                MaxSessionTimeout = ZkDefaults.SessionTimeoutUnset,
                AdminEnableServer = false,
                Servers = servers,
                MyId = i + 1,
                PeerType = servers[i].Role,
            };
            var settings = NodeSettingsValidator.Complete(draft, (key, problem) => new ConfigException("ensemble spec", null, key, problem));
            return new EnsembleNode(i, settings, NodeLog.Register($"{logPrefix}-{i}", i));
        }).ToArray();
    }

    public IReadOnlyList<EnsembleNode> Nodes => _nodes;

    public int Size => _nodes.Length;

    public IEnumerable<int> Running => _nodes.Where(n => n.IsRunning).Select(n => n.Index);

    /// <summary>Creates the ensemble and starts every node.</summary>
    public static InProcessEnsemble Start(int size, ITestOutputHelper? output = null, EnsembleOptions? options = null)
    {
        var ensemble = new InProcessEnsemble(size, options ?? new EnsembleOptions(), output);
        foreach (var node in ensemble._nodes)
            node.Start(ensemble._hocon);
        return ensemble;
    }

    /// <summary>Starts node <paramref name="i"/> (again): same data dir and ports, a new ActorSystem; cuts in force apply to it.</summary>
    public async Task StartAsync(int i)
    {
        _nodes[i].Start(_hocon);
        foreach (var (a, b) in _cut.Where(c => c.Item1 == i || c.Item2 == i).ToList())
            await Throttle(a, b, Blackhole.Instance);
    }

    /// <summary>Terminates node <paramref name="i"/>'s ActorSystem abruptly (its data dir stays).</summary>
    public Task CrashAsync(int i) => _nodes[i].CrashAsync();

    public async Task RestartAsync(int i)
    {
        await CrashAsync(i);
        await StartAsync(i);
    }

    /// <summary>No message passes between a node of <paramref name="sideA"/> and one of <paramref name="sideB"/>, either way, until <see cref="HealAsync"/>.</summary>
    public async Task PartitionAsync(IEnumerable<int> sideA, IEnumerable<int> sideB)
    {
        var b = sideB.ToList();
        foreach (var x in sideA)
        {
            foreach (var y in b)
            {
                _cut.Add((x, y));
                await Throttle(x, y, Blackhole.Instance);
            }
        }
    }

    /// <summary>Lifts every cut.</summary>
    public async Task HealAsync()
    {
        foreach (var (x, y) in _cut.ToList())
            await Throttle(x, y, Unthrottled.Instance);
        _cut.Clear();
    }

    /// <summary>Both ends of the link, both directions, through each running node's throttler.</summary>
    private async Task Throttle(int x, int y, ThrottleMode mode)
    {
        foreach (var (from, to) in new[] { (x, y), (y, x) })
        {
            if (_nodes[from].System is not { } system)
                continue;
            var transport = ((IRemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Transport;
            var done = await transport.ManagementCommand(new SetThrottle(_nodes[to].Address, ThrottleTransportAdapter.Direction.Both, mode));
            if (!done)
                throw new InvalidOperationException($"node {from} did not apply {mode} towards node {to}");
        }
    }

    /// <summary>
    /// Waits until, among <paramref name="among"/> (default: every running node), exactly one node leads, every other
    /// follows it in the same epoch and is synced by it, and all of them serve clients. Returns the leader's index.
    /// </summary>
    public async Task<int> WaitForLeaderAsync(TimeSpan? timeout = null, IEnumerable<int>? among = null)
    {
        var group = (among ?? Running).ToList();
        return await Eventually.UntilValue(async () =>
        {
            var live = group.Select(i => _nodes[i]).Where(n => n.IsRunning).ToList();
            var leaders = live.Where(n => n.Status.Current.State == ServerState.Leading).ToList();
            if (live.Count != group.Count || leaders.Count != 1)
                return (int?)null;
            var leader = leaders[0];
            var epoch = leader.Status.Current.Epoch;
            var followersAgree = live.Where(n => n != leader).All(n =>
                n.Status.Current is { State: ServerState.Following or ServerState.Observing } s && s.LeaderId == leader.Sid && s.Epoch == epoch);
            var synced = leader.Status.Current.Learners.Where(l => l.Synced).Select(l => l.Sid).ToHashSet();
            if (!followersAgree || live.Any(n => n != leader && !synced.Contains(n.Sid)))
                return null;
            foreach (var node in live)
            {
                if (!await node.IsServingAsync())
                    return null;
            }
            return leader.Index;
        }, timeout ?? DefaultTimeout, () => "one leader followed by " + string.Join(", ", group) + "; now: " + Describe());
    }

    /// <summary>A client session on node <paramref name="i"/>, retried while the node does not accept clients yet; closed with the ensemble.</summary>
    public async Task<ZkClient> ClientForAsync(int i, TimeSpan? timeout = null)
    {
        var port = _nodes[i].ClientPort;
        var client = await Eventually.Until(async () =>
        {
            try
            {
                return await ZkClient.ConnectAsync("127.0.0.1", port, sessionTimeoutMs: 6000);
            }
            catch (Exception e) when (e is IOException or SocketException or ZkException)
            {
                return null;
            }
        }, timeout ?? DefaultTimeout, () => $"a client session on node {i}: {_nodes[i]}");
        lock (_clients)
            _clients.Add(client);
        return client;
    }

    /// <summary>
    /// Asserts that for <paramref name="window"/> none of <paramref name="nodes"/> leads or serves clients, checked
    /// every few dozen milliseconds (a partitioned minority must stay without a leader for as long as it lasts).
    /// </summary>
    public async Task StaysWithoutLeaderAsync(IEnumerable<int> nodes, TimeSpan window)
    {
        var group = nodes.ToList();
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            foreach (var node in group.Select(i => _nodes[i]))
            {
                if (node.Status.Current.State == ServerState.Leading || await node.IsServingAsync())
                    throw new Xunit.Sdk.XunitException($"{node} leads or serves clients: {Describe()}");
            }
            await Task.Delay(50);
        }
    }

    public string Describe() => string.Join("; ", _nodes.Select(n => n.ToString()));

    /// <summary>A position in each node's log; <see cref="LogSince"/> returns what was written after it.</summary>
    public int[] MarkLogs() => _nodes.Select(n => n.Log.Count).ToArray();

    public IReadOnlyList<string> LogSince(int node, int[] mark) => _nodes[node].Log.Since(mark[node]).Select(l => l.Message).ToList();

    public async ValueTask DisposeAsync()
    {
        List<ZkClient> clients;
        lock (_clients)
            clients = [.. _clients];
        foreach (var client in clients)
            await client.DisposeAsync();
        await Task.WhenAll(_nodes.Select(async node =>
        {
            try
            {
                await node.CrashAsync();
            }
            catch (TimeoutException)
            {
                _output?.WriteLine($"node {node.Index} did not terminate in time");
            }
        }));
        WriteLogs();
        foreach (var node in _nodes)
            NodeLog.Unregister(node.Log.Key);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private void WriteLogs()
    {
        if (_output is null)
            return;
        var lines = _nodes.SelectMany(n => n.Log.All).OrderBy(l => l.Timestamp).ThenBy(l => l.Node).ThenBy(l => l.Sequence);
        try
        {
            foreach (var line in lines)
                _output.WriteLine(line.ToString());
        }
        catch (InvalidOperationException)
        {
            // the test already ended
        }
    }

    /// <summary>Distinct free loopback ports: all listeners are held open until every port is picked.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return listener;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners)
            listener.Stop();
        return ports;
    }
}
