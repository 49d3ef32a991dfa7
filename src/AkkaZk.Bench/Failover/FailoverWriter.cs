using AkkaZk.Bench.Workloads;
using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.Bench.Failover;

/// <summary>
/// Writes one znode (setData, one request in flight) without pause and, like a real client, moves on to the next
/// server of its list after any failure, re-attaching its session (a new one if it expired). Once told when the
/// leader was killed, it stops at the first successful write that started at or after that moment.
/// Every reply is checked: the znode's version must rise with every acknowledged write.
/// </summary>
public sealed class FailoverWriter(IReadOnlyList<ServerAddress> servers, string path, TimeSpan attemptTimeout, int sessionTimeoutMs = 30000)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(10);

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <param name="ready">called once, after the first successful write</param>
    /// <param name="killedAtMs">completes with the Unix ms of the kill</param>
    /// <param name="deadline">gives up (TimeoutException) when no write succeeded after the kill by then</param>
    public async Task<FailoverResult> RunAsync(Action ready, Task<long> killedAtMs, DateTime deadlineUtc, string label = "", int round = 0, string killed = "")
    {
        ZkClient? client = null;
        long sessionId = 0;
        byte[]? password = null;
        var next = 0;
        var lastVersion = -1;
        long writesBeforeKill = 0;
        var failedAttempts = 0;
        var newSession = false;
        var errors = new List<string>();
        try
        {
            while (DateTime.UtcNow < deadlineUtc)
            {
                var server = servers[next % servers.Count];
                var start = NowMs();
                try
                {
                    if (client is null)
                    {
                        client = await ConnectAsync(server, sessionId, password);
                        if (sessionId != 0 && client.SessionId != sessionId)
                            newSession = true;
                        (sessionId, password) = (client.SessionId, client.Password);
                        if (lastVersion < 0)
                            await EnsureNodeAsync(client);
                    }
                    var stat = await client.SetDataAsync(path, Payload.For(0, lastVersion + 1, 32)).WaitAsync(attemptTimeout);
                    var end = NowMs();
                    if (stat.Version <= lastVersion)
                        throw new VerificationException($"setData {path} answered version {stat.Version} after version {lastVersion} was acknowledged");
                    if (lastVersion < 0)
                        ready();
                    lastVersion = stat.Version;
                    if (!killedAtMs.IsCompleted)
                    {
                        writesBeforeKill++;
                        continue;
                    }
                    var kill = await killedAtMs;
                    if (start >= kill)
                        return new FailoverResult(label, round, killed, kill, start, end, end - kill, server.ToString(),
                            writesBeforeKill, failedAttempts, newSession, errors.Distinct().Take(10).ToList());
                }
                catch (Exception e) when (e is not VerificationException)
                {
                    failedAttempts++;
                    errors.Add($"{server}: {Describe(e)}");
                    if (e is ZkException { Code: ErrorCode.SessionExpired })
                        (sessionId, password) = (0, null);
                    if (client is not null)
                        await client.DisposeAsync();
                    client = null;
                    next++;
                    await Task.Delay(RetryPause);
                }
            }
            throw new TimeoutException($"no successful write on {string.Join(",", servers)} after the kill; last errors: " +
                string.Join("; ", errors.TakeLast(3)));
        }
        finally
        {
            if (client is not null)
            {
                await client.CloseSessionAsync().WaitAsync(attemptTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
                await client.DisposeAsync();
            }
        }
    }

    private async Task<ZkClient> ConnectAsync(ServerAddress server, long sessionId, byte[]? password)
    {
        using var cancel = new CancellationTokenSource(attemptTimeout);
        try
        {
            return await ZkClient.ConnectAsync(server.Host, server.Port, sessionTimeoutMs, sessionId, password, cancel: cancel.Token)
                .WaitAsync(cancel.Token);
        }
        catch (ZkException e) when (e.Code == ErrorCode.SessionExpired && sessionId != 0)
        {
            // the session did not survive the failover: a new one, as a ZooKeeper client would after Expired
            return await ZkClient.ConnectAsync(server.Host, server.Port, sessionTimeoutMs, cancel: cancel.Token).WaitAsync(cancel.Token);
        }
    }

    private async Task EnsureNodeAsync(ZkClient client)
    {
        var reply = await client.SendAsync(OpCode.Create, new CreateRequest(path, [], AkkaZk.Data.Acl.OpenAclUnsafe, CreateMode.Persistent))
            .WaitAsync(attemptTimeout);
        if (reply.Header.Err is not (ErrorCode.Ok or ErrorCode.NodeExists))
            throw new ZkException(reply.Header.Err, $"create {path} failed: {reply.Header.Err}");
    }

    private string Describe(Exception e) => e switch
    {
        ZkException z => $"error {z.Code}",
        TimeoutException or OperationCanceledException => $"no answer within {attemptTimeout.TotalMilliseconds:F0} ms",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
