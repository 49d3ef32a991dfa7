using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>
/// One client of <see cref="RegisterWorkload"/>: a sequential loop of get, set and set-with-version on one znode,
/// each recorded with the time it was invoked and the time its answer came. An op without an answer (lost
/// connection, timeout) is recorded as indeterminate; the session then drops that connection, reconnects to the
/// next endpoint (re-attaching its ZooKeeper session when the server still knows it) and goes on as a new
/// process, since its lost op may still take effect while it issues the next ones.
/// </summary>
internal sealed class RegisterSession(int slot, RegisterWorkload.Shared shared) : IAsyncDisposable
{
    private readonly int _slot = slot;
    private readonly Random _random = new(HashCode.Combine(shared.Options.Seed, slot));
    private readonly List<RegisterOp> _ops = [];
    private ZkClient? _client;
    private long _sessionId;
    private byte[]? _password;
    private int _endpoint = slot;
    private int _process = slot;
    private int? _lastVersion;

    private RegisterWorkloadOptions Options => shared.Options;

    public IReadOnlyList<RegisterOp> Ops => _ops;

    public async Task RunAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested && !shared.Finished())
        {
            // a connection the server already closed would only turn the next op into a needless indeterminate one
            if (_client is { IsClosed: true })
                await DropConnectionAsync();
            if (_client is null && !await ConnectAsync(cancel))
                break;
            if (!shared.TakeOp())
                break;
            await RunOneAsync(_client!, cancel);
            if (Options.ThinkTime > TimeSpan.Zero)
                await Task.Delay(Options.ThinkTime, CancellationToken.None);
        }
    }

    private async Task RunOneAsync(ZkClient client, CancellationToken cancel)
    {
        var roll = _random.Next(100);
        var kind = _lastVersion is null || roll < 45 ? OpKind.Read : roll < 65 ? OpKind.Write : OpKind.Cas;
        var value = kind == OpKind.Read ? 0 : shared.NextValue();
        var expected = _lastVersion ?? 0;
        var invoke = shared.Now();
        try
        {
            switch (kind)
            {
                case OpKind.Read:
                    var (data, version) = await ReadAsync(client, cancel);
                    _lastVersion = version;
                    Record(RegisterOp.Read(_process, invoke, shared.Now(), data, version, shared.Key));
                    break;
                case OpKind.Write:
                    var written = await WithTimeout(client.SetDataAsync(shared.Path, Encode(value)), cancel);
                    Record(RegisterOp.Write(_process, invoke, shared.Now(), value, written.Version, shared.Key));
                    break;
                default:
                    var swapped = await WithTimeout(client.SetDataAsync(shared.Path, Encode(value), expected), cancel);
                    Record(RegisterOp.Cas(_process, invoke, shared.Now(), expected, value, ok: true, swapped.Version, shared.Key));
                    break;
            }
        }
        catch (ZkException e) when (e.Code == ErrorCode.BadVersion && kind == OpKind.Cas)
        {
            Record(RegisterOp.Cas(_process, invoke, shared.Now(), expected, value, ok: false, key: shared.Key));
        }
        catch (ZkException e) when (e.Code == ErrorCode.NoNode)
        {
            // the znode is gone: whatever the op was, it saw the register absent and changed nothing
            Record(RegisterOp.Read(_process, invoke, shared.Now(), null, key: shared.Key));
        }
        catch (Exception e) when (IsLostAnswer(e))
        {
            Record(Indeterminate(kind, invoke, value, expected));
            shared.Log($"session {_slot} (p{_process}): {kind} without an answer ({e.GetType().Name}: {e.Message}); reconnecting");
            _process += shared.Sessions;
            await DropConnectionAsync();
        }
    }

    /// <summary>getData, after a sync when the options ask for reads that cannot lag behind the leader.</summary>
    private async Task<(int? Data, int Version)> ReadAsync(ZkClient client, CancellationToken cancel)
    {
        if (Options.SyncBeforeRead)
        {
            var reply = await WithTimeout(client.SendAsync(OpCode.Sync, new SyncRequest(shared.Path)), cancel);
            if (reply.Header.Err != ErrorCode.Ok)
                throw new ZkException(reply.Header.Err, $"sync failed: {reply.Header.Err}");
        }
        var response = await WithTimeout(client.GetDataAsync(shared.Path), cancel);
        return (Decode(response.Data), response.Stat.Version);
    }

    private RegisterOp Indeterminate(OpKind kind, long invoke, int value, int expected) => kind switch
    {
        OpKind.Read => RegisterOp.Read(_process, invoke, null, null, key: shared.Key),
        OpKind.Write => RegisterOp.Write(_process, invoke, null, value, key: shared.Key),
        _ => RegisterOp.Cas(_process, invoke, null, expected, value, ok: false, key: shared.Key),
    };

    private void Record(RegisterOp op) => _ops.Add(op);

    private Task<T> WithTimeout<T>(Task<T> call, CancellationToken cancel) => call.WaitAsync(Options.OpTimeout, cancel);

    /// <summary>No answer came, or one that says nothing about the op's effect (any error other than BadVersion/NoNode).</summary>
    private static bool IsLostAnswer(Exception e) =>
        e is TimeoutException or IOException or SocketException or ObjectDisposedException or OperationCanceledException or ZkException;

    /// <summary>Tries the endpoints in turn, re-attaching the session first; false once the run is over.</summary>
    private async Task<bool> ConnectAsync(CancellationToken cancel)
    {
        var endpoints = shared.Endpoints;
        for (var attempt = 0; !cancel.IsCancellationRequested && !shared.Finished(); attempt++)
        {
            var (host, port) = endpoints[_endpoint % endpoints.Count];
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                timeout.CancelAfter(Options.ConnectTimeout);
                _client = await ZkClient.ConnectAsync(host, port, Options.SessionTimeoutMs, _sessionId, _password, readOnly: false, timeout.Token);
                if (_sessionId != 0 && _client.SessionId != _sessionId)
                    shared.Log($"session {_slot}: new session 0x{_client.SessionId:x} (was 0x{_sessionId:x})");
                _sessionId = _client.SessionId;
                _password = _client.Password;
                return true;
            }
            catch (ZkException e) when (e.Code == ErrorCode.SessionExpired)
            {
                shared.Log($"session {_slot}: 0x{_sessionId:x} expired; starting a new one");
                _sessionId = 0;
                _password = null;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                _endpoint++;
                if (attempt % endpoints.Count == endpoints.Count - 1)
                    await Task.Delay(100, CancellationToken.None);
            }
        }
        return false;
    }

    private async Task DropConnectionAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            await client.DisposeAsync();
        }
        _endpoint++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.CloseSessionAsync().WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
            await client.DisposeAsync();
        }
    }

    public static byte[] Encode(int value) => Encoding.UTF8.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The int the data holds; data the workload never wrote becomes int.MinValue, which no op writes.</summary>
    public static int Decode(byte[] data) =>
        int.TryParse(Encoding.UTF8.GetString(data), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : int.MinValue;
}
