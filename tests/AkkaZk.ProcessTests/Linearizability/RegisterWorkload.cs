using System.Diagnostics;
using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Linearizability;

public sealed record RegisterWorkloadOptions
{
    /// <summary>Long enough for a session to outlive a leader election, so that clients can re-attach.</summary>
    public int SessionTimeoutMs { get; init; } = 10000;

    /// <summary>An op without an answer by then is recorded as indeterminate and its connection dropped.</summary>
    public TimeSpan OpTimeout { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Stop after this many ops in all (the duration still applies).</summary>
    public int? MaxOps { get; init; }

    /// <summary>
    /// Send sync before every getData. ZooKeeper answers reads from the server the client is connected to, so a
    /// follower may return a value older than a write another client already saw acknowledged: plain reads are
    /// not linearizable in Apache ZooKeeper either, only writes are. Sync first closes that gap for tests that
    /// read through followers.
    /// </summary>
    public bool SyncBeforeRead { get; init; }

    /// <summary>Pause between one session's ops, to keep long runs' histories small.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>Reconnects and expiries, for the test's output.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// Drives <c>sessions</c> clients of the repo's wire client against one znode used as a register (get, set,
/// set-with-version, unique int values) and returns the history for <see cref="LinearizabilityChecker"/>.
/// The znode is created with value 0 if it does not exist; an existing one must hold an int.
/// </summary>
public static class RegisterWorkload
{
    public static async Task<History> RunAsync(IReadOnlyList<string> endpoints, string path, int sessions, TimeSpan duration,
        CancellationToken cancel = default, RegisterWorkloadOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        var shared = new Shared(endpoints.Select(ParseEndpoint).ToList(), path, sessions, duration, options ?? new RegisterWorkloadOptions());
        var initial = await PrepareAsync(shared, cancel);
        shared.Start();
        var clients = Enumerable.Range(0, sessions).Select(slot => new RegisterSession(slot, shared)).ToList();
        try
        {
            await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(cancel), CancellationToken.None)));
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
        var ops = clients.SelectMany(c => c.Ops).OrderBy(op => op.Invoke).ToList();
        return new History(ops, new Dictionary<string, RegisterState> { [path] = initial });
    }

    public static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint[(colon + 1)..], out var port))
            throw new ArgumentException($"not host:port: {endpoint}", nameof(endpoint));
        return (endpoint[..colon], port);
    }

    /// <summary>Creates the znode (value 0) or reads what it holds: the register's state before the first op.</summary>
    private static async Task<RegisterState> PrepareAsync(Shared shared, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            var (host, port) = shared.Endpoints[attempt % shared.Endpoints.Count];
            try
            {
                await using var client = await ZkClient.ConnectAsync(host, port, cancel: cancel);
                try
                {
                    await client.CreateAsync(shared.Path, RegisterSession.Encode(0));
                    return new RegisterState(0, 0);
                }
                catch (ZkException e) when (e.Code == ErrorCode.NodeExists)
                {
                    var existing = await client.GetDataAsync(shared.Path);
                    return new RegisterState(RegisterSession.Decode(existing.Data), existing.Stat.Version);
                }
                finally
                {
                    await client.CloseSessionAsync();
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancel);
            }
        }
    }

    /// <summary>What the sessions of one run share: endpoints, clock, value counter, op budget.</summary>
    internal sealed class Shared(IReadOnlyList<(string Host, int Port)> endpoints, string path, int sessions, TimeSpan duration,
        RegisterWorkloadOptions options)
    {
        private readonly Stopwatch _clock = new();
        private int _nextValue;
        private int _opsTaken;

        public IReadOnlyList<(string Host, int Port)> Endpoints { get; } = endpoints;
        public string Path { get; } = path;
        public string Key => Path;
        public int Sessions { get; } = sessions;
        public RegisterWorkloadOptions Options { get; } = options;

        public void Start() => _clock.Start();

        /// <summary>Microseconds since the run started, from one monotonic clock for every session.</summary>
        public long Now() => _clock.Elapsed.Ticks / 10;

        public bool Finished() => _clock.Elapsed >= duration;

        public bool TakeOp() => Options.MaxOps is not { } max || Interlocked.Increment(ref _opsTaken) <= max;

        /// <summary>Unique across the run; 0 is the value a fresh register starts with.</summary>
        public int NextValue() => Interlocked.Increment(ref _nextValue);

        public void Log(string message) => Options.Log?.Invoke($"[{_clock.Elapsed.TotalSeconds:F3}s] {message}");
    }
}
