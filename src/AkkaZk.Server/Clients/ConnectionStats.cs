using System.Net;

namespace AkkaZk.Clients;

/// <summary>
/// One connection's figures for cons / stat / dump (ZooKeeper's ServerCnxn stats). The connection's actor and its
/// read/write loops update them; four-letter words of other connections read a <see cref="Snapshot"/>.
/// </summary>
public sealed class ConnectionStats(long id, IPEndPoint remote)
{
    private long _received;
    private long _sent;
    private long _queued;
    private long _sessionId;
    private long _lastCxid = -1;
    private long _lastZxid = -1;
    private long _lastResponseTime;
    private int _timeout;
    private volatile string _lastOp = "NA";
    private volatile bool _established;
    private volatile bool _reading = true;

    public long Id { get; } = id;
    public IPEndPoint Remote { get; } = remote;
    public long EstablishedAt { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    public LatencyCounter Latency { get; } = new();

    public void PacketReceived() => Interlocked.Increment(ref _received);
    public void PacketsSent(int count) => Interlocked.Add(ref _sent, count);
    public void Queued(int delta) => Interlocked.Add(ref _queued, delta);

    /// <summary>A four-letter-word connection is not reading requests: cons shows it as [0].</summary>
    public void StopReading() => _reading = false;

    public void SessionEstablished(long sessionId, int timeout)
    {
        Interlocked.Exchange(ref _sessionId, sessionId);
        Interlocked.Exchange(ref _timeout, timeout);
        _established = true;
    }

    public void Responded(string op, int cxid, long zxid, long latencyMs)
    {
        _lastOp = op;
        Interlocked.Exchange(ref _lastCxid, cxid);
        Interlocked.Exchange(ref _lastZxid, zxid);
        Interlocked.Exchange(ref _lastResponseTime, Environment.TickCount64);
        Latency.Add(latencyMs);
    }

    /// <summary>crst: forget latencies and last-op details, as ZooKeeper's resetStats does.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _sent, 0);
        Interlocked.Exchange(ref _lastCxid, -1);
        Interlocked.Exchange(ref _lastZxid, -1);
        Interlocked.Exchange(ref _lastResponseTime, 0);
        _lastOp = "NA";
        Latency.Reset();
    }

    public ConnectionSnapshot Snapshot() => new(
        Remote,
        _reading ? 1 : 0,
        Interlocked.Read(ref _queued),
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _sent),
        _established ? Interlocked.Read(ref _sessionId) : null,
        _lastOp,
        EstablishedAt,
        Volatile.Read(ref _timeout),
        Interlocked.Read(ref _lastCxid),
        Interlocked.Read(ref _lastZxid),
        Interlocked.Read(ref _lastResponseTime),
        Latency.Snapshot());
}

/// <summary>An immutable copy of one connection's figures; SessionId is null until the session is established.</summary>
public sealed record ConnectionSnapshot(
    IPEndPoint Remote,
    int InterestOps,
    long Queued,
    long Received,
    long Sent,
    long? SessionId,
    string LastOp,
    long EstablishedAt,
    int Timeout,
    long LastCxid,
    long LastZxid,
    long LastResponseTime,
    LatencySnapshot Latency);
