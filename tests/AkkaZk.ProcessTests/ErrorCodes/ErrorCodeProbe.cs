using System.Text;
using AkkaZk.Client;
using AkkaZk.Data;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.ErrorCodes;

/// <summary>
/// Runs one situation against one server: every request goes through the repo's wire client (so the server, not
/// a client library, judges paths, flags and opcodes) and its outcome is written down as text, e.g.
/// "create /ec3/a: NodeExists" or "multi: NoNode [Ok, NoNode, RuntimeInconsistency]". Two servers agree on a
/// situation when the texts are equal.
/// </summary>
internal sealed class ErrorCodeProbe(string host, int port, string root) : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);
    private readonly List<string> _log = [];
    private readonly List<ZkClient> _sessions = [];

    /// <summary>The situation's own subtree (created with an open ACL before it runs).</summary>
    public string Root => root;

    /// <summary>The first session; situations needing a second one call <see cref="OpenSessionAsync"/>.</summary>
    public ZkClient Main => _sessions[0];

    public string Outcome => string.Join("; ", _log);

    public static async Task<ErrorCodeProbe> OpenAsync(string host, int port, string root)
    {
        var probe = new ErrorCodeProbe(host, port, root);
        await probe.OpenSessionAsync();
        return probe;
    }

    public async Task<ZkClient> OpenSessionAsync(long sessionId = 0, byte[]? password = null)
    {
        var client = await ZkClient.ConnectAsync(host, port, 10000, sessionId, password);
        _sessions.Add(client);
        return client;
    }

    /// <summary>Connects with a session id and password and writes down whether the server accepted them.</summary>
    public async Task ConnectAsync(string label, long sessionId, byte[] password)
    {
        try
        {
            await OpenSessionAsync(sessionId, password);
            _log.Add($"{label}: connected");
        }
        catch (ZkException e)
        {
            _log.Add($"{label}: {e.Code}");
        }
        catch (IOException)
        {
            _log.Add($"{label}: connection refused");
        }
    }

    /// <summary>Sends one request and writes down its error code (and a multi's per-op codes).</summary>
    public async Task<ZkReply?> OpAsync(string label, OpCode type, ZkRequest request, ZkClient? client = null, int? xid = null)
    {
        var reply = await SendAsync(client ?? Main, type, request, xid);
        _log.Add($"{label}: {Describe(reply.Reply, reply.Failure)}");
        return reply.Reply;
    }

    /// <summary>Sends the requests back to back on one connection, then writes down their codes in request order.</summary>
    public async Task PipelineAsync(ZkClient client, params (string Label, OpCode Type, ZkRequest Request)[] requests)
    {
        var sent = requests.Select(r => AwaitAsync(client.SendAsync(r.Type, r.Request))).ToList();
        for (var i = 0; i < requests.Length; i++)
        {
            var reply = await sent[i];
            _log.Add($"{requests[i].Label}: {Describe(reply.Reply, reply.Failure)}");
        }
    }

    /// <summary>Writes down something a situation measured itself.</summary>
    public void Note(string text) => _log.Add(text);

    /// <summary>Sends a request header with a raw body (opcodes no client library sends) and writes down its error code.</summary>
    public async Task RawAsync(string label, OpCode type, byte[] body)
    {
        var reply = await AwaitAsync(Main.SendRawBodyAsync(type, body));
        _log.Add($"{label}: {Describe(reply.Reply, reply.Failure)}");
    }

    /// <summary>Whether the main connection still answers: ZooKeeper closes it after some errors.</summary>
    public async Task<string> ConnectionStateAsync()
    {
        var (reply, failure) = await SendAsync(Main, OpCode.Exists, new ExistsRequest("/", false), null);
        return reply is { Header.Err: ErrorCode.Ok } ? "connection open" : $"connection {failure ?? "broken"}";
    }

    private static Task<(ZkReply? Reply, string? Failure)> SendAsync(ZkClient client, OpCode type, ZkRequest request, int? xid) =>
        AwaitAsync(client.SendAsync(type, request, xid));

    private static async Task<(ZkReply? Reply, string? Failure)> AwaitAsync(Task<ZkReply> sent)
    {
        try
        {
            return (await sent.WaitAsync(AnswerTimeout), null);
        }
        catch (TimeoutException)
        {
            return (null, "no answer");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException
                                       or OperationCanceledException or InvalidOperationException)
        {
            return (null, "closed");
        }
    }

    private static string Describe(ZkReply? reply, string? failure)
    {
        if (reply is null)
            return failure!;
        if (reply.Body is MultiResponse multi)
            return $"{reply.Header.Err} [{string.Join(", ", multi.Results.Select(r => r.Err))}]";
        return reply.Header.Err.ToString();
    }

    // The everyday requests, each written down under a readable label.

    public Task<ZkReply?> CreateAsync(string path, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null,
        OpCode type = OpCode.Create, long ttl = 0, ZkClient? client = null, byte[]? data = null) =>
        OpAsync($"{type} {path} {mode}", type, new CreateRequest(path, data ?? [1], acl ?? Acl.OpenAclUnsafe, mode, ttl), client);

    public Task<ZkReply?> DeleteAsync(string path, int version = -1) =>
        OpAsync($"delete {path} v{version}", OpCode.Delete, new DeleteRequest(path, version));

    public Task<ZkReply?> SetDataAsync(string path, int version = -1, byte[]? data = null) =>
        OpAsync($"setData {path} v{version}", OpCode.SetData, new SetDataRequest(path, data ?? [2], version));

    public Task<ZkReply?> SetAclAsync(string path, IReadOnlyList<Acl> acl, int version = -1) =>
        OpAsync($"setACL {path} v{version}", OpCode.SetAcl, new SetAclRequest(path, acl, version));

    public Task<ZkReply?> GetDataAsync(string path, bool watch = false) =>
        OpAsync($"getData {path}", OpCode.GetData, new GetDataRequest(path, watch));

    public Task<ZkReply?> AddAuthAsync(string scheme, string auth, ZkClient? client = null) =>
        OpAsync($"auth {scheme}", OpCode.Auth, new AuthPacket(0, scheme, Encoding.UTF8.GetBytes(auth)), client, Xids.Auth);

    public Task<ZkReply?> MultiAsync(params MultiOp[] ops) =>
        OpAsync("multi", OpCode.Multi, new MultiRequest(ops));

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            if (!session.IsClosed)
                await session.CloseSessionAsync().WaitAsync(AnswerTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
            await session.DisposeAsync();
        }
    }
}
