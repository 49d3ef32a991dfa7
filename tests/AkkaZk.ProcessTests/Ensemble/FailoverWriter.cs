using AkkaZk.Client;
using AkkaZk.ProcessTests.Durability;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// One client writing continuously to an ensemble, as a ZooKeeper client library would: when its connection breaks
/// it moves to the next server with the same session id and password. It alternates creates of
/// {root}/w{id}/nodes/n-{k} (data "w{id}-n{k}") and sets of {root}/w{id}/keys/k-{j} to an increasing counter, keeps
/// up to <see cref="Outstanding"/> requests in flight, and records every acknowledged write with its zxid in its
/// <see cref="CrashLedger"/>. A request whose connection broke is never retried: its outcome is unknown.
/// </summary>
public sealed class FailoverWriter(int id, string root, IReadOnlyList<int> ports, int sessionTimeoutMs, int keys = 4)
{
    public const int Outstanding = 4;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private int _op;
    private int _server;
    private long _sessionId;
    private byte[]? _password;

    public CrashLedger Ledger { get; } = new(id, keys);
    public int Id => Ledger.Writer;
    public string Nodes => $"{root}/w{Id}/nodes";
    public string Keys => $"{root}/w{Id}/keys";
    public static string NodeName(int k) => $"n-{k}";
    public static string KeyName(int j) => $"k-{j}";
    public static string CreateData(int writer, int k) => $"w{writer}-n{k}";

    /// <summary>Connections made after the first one, each to another server with the same session.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Times the ensemble said the session had expired while the client was moving (none expected).</summary>
    public int Expirations { get; private set; }

    public long SessionId => _sessionId;

    public async Task SetUpAsync(ZkClient client)
    {
        await client.CreateAsync($"{root}/w{Id}", "");
        await client.CreateAsync(Nodes, "");
        await client.CreateAsync(Keys, "");
        for (var j = 0; j < keys; j++)
            await client.CreateAsync($"{Keys}/{KeyName(j)}", "0");
    }

    /// <summary>Writes until <paramref name="stop"/> fires, then closes its session.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        ZkClient? client = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                client = await ConnectAsync(stop);
                if (client is null)
                    break;
                await WriteAsync(client, stop);
                if (!stop.IsCancellationRequested)
                {
                    await client.DisposeAsync();
                    client = null;
                }
            }
            client ??= await ConnectAsync(CancellationToken.None);
            if (client is not null)
                await client.CloseSessionAsync();
        }
        finally
        {
            if (client is not null)
                await client.DisposeAsync();
        }
    }

    /// <summary>
    /// Tries the servers in turn, starting after the last one used, until one takes the session. Once stopped it
    /// still reconnects an existing session (to close it), but not for longer than <see cref="GiveUpAfter"/>.
    /// </summary>
    private async Task<ZkClient?> ConnectAsync(CancellationToken stop)
    {
        var first = _sessionId == 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!stop.IsCancellationRequested || _sessionId != 0)
        {
            if (clock.Elapsed > GiveUpAfter)
                throw new TimeoutException($"writer {Id}: no server took session 0x{_sessionId:x} within {GiveUpAfter.TotalSeconds}s");
            var port = ports[(_server + Id) % ports.Count];
            try
            {
                var client = await ZkClient.ConnectAsync("127.0.0.1", port, sessionTimeoutMs, _sessionId, _password);
                if (!first)
                    Reconnects++;
                _sessionId = client.SessionId;
                _password = client.Password;
                return client;
            }
            catch (ZkException e) when (e.Code == ErrorCode.SessionExpired)
            {
                Expirations++;
                _sessionId = 0;
                _password = null;
                first = true;
                if (stop.IsCancellationRequested)
                    return null;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                _server++;
                await Task.Delay(50, CancellationToken.None);
            }
        }
        return null;
    }

    /// <summary>Pipelines writes on one connection until it breaks or <paramref name="stop"/> fires.</summary>
    private async Task WriteAsync(ZkClient client, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(Outstanding);
        var inFlight = new List<Task>();
        var broken = false;
        while (!stop.IsCancellationRequested && !Volatile.Read(ref broken))
        {
            try
            {
                await slots.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            Task reply;
            try
            {
                // one sending loop per connection: requests go out in ledger order
                reply = _op++ % 2 == 0 ? CreateAsync(client) : SetAsync(client, _op / 2 % keys);
            }
            catch (Exception)
            {
                slots.Release();
                break;
            }
            inFlight.Add(reply.ContinueWith(t =>
            {
                if (t.Exception?.Flatten().InnerExceptions.OfType<ZkException>().FirstOrDefault() is { } rejected)
                    Ledger.Rejected(rejected.Message);
                else if (!t.IsCompletedSuccessfully)
                    Volatile.Write(ref broken, true);
                slots.Release();
            }, TaskScheduler.Default));
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
    }

    private Task CreateAsync(ZkClient client)
    {
        var k = Ledger.NextCreate();
        var send = client.CreateAsync($"{Nodes}/{NodeName(k)}", CreateData(Id, k));
        return send.ContinueWith(t => Ledger.CreateAcked(k, t.Result.Zxid), TaskScheduler.Default);
    }

    private Task SetAsync(ZkClient client, int key)
    {
        var counter = Ledger.NextSet(key);
        var send = client.SetAsync($"{Keys}/{KeyName(key)}", counter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return send.ContinueWith(t => Ledger.SetAcked(key, counter, t.Result.Zxid), TaskScheduler.Default);
    }
}
