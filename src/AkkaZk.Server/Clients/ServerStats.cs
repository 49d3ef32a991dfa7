namespace AkkaZk.Clients;

/// <summary>
/// Server-wide counters the four-letter words show (ZooKeeper's ServerStats): packets, request latency,
/// requests in flight. Written by every connection's actor and loops, so each field is updated atomically.
/// </summary>
public sealed class ServerStats
{
    private long _packetsReceived;
    private long _packetsSent;
    private long _outstanding;
    private long _authFailed;
    private long _bytesReceived;
    private long _connectionRevalidates;
    private long _revalidates;
    private readonly LatencyCounter _latency = new();

    public long StartedAt { get; } = Environment.TickCount64;

    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);
    public long PacketsSent => Interlocked.Read(ref _packetsSent);
    public long Outstanding => Interlocked.Read(ref _outstanding);
    public long AuthFailed => Interlocked.Read(ref _authFailed);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public long ConnectionRevalidates => Interlocked.Read(ref _connectionRevalidates);
    public long Revalidates => Interlocked.Read(ref _revalidates);
    public LatencyCounter Latency => _latency;
    public long UptimeMs => Environment.TickCount64 - StartedAt;

    /// <summary>One client packet (a frame with its length prefix, or a four-letter word) of <paramref name="bytes"/> bytes.</summary>
    public void PacketReceived(int bytes)
    {
        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _bytesReceived, bytes);
    }
    public void PacketsWritten(int count) => Interlocked.Add(ref _packetsSent, count);
    public void RequestStarted() => Interlocked.Increment(ref _outstanding);
    public void RequestsFinished(int count) => Interlocked.Add(ref _outstanding, -count);
    public void AuthFailure() => Interlocked.Increment(ref _authFailed);

    /// <summary>connection_revalidate_count: a client connected with a session id (processConnectRequest's reopenSession).</summary>
    public void ConnectionRevalidated() => Interlocked.Increment(ref _connectionRevalidates);

    /// <summary>revalidate_count: the leader was asked by a learner to confirm a session (LearnerHandler's REVALIDATE).</summary>
    public void RevalidateReceived() => Interlocked.Increment(ref _revalidates);

    public ServerStatsSnapshot Snapshot() =>
        new(PacketsReceived, PacketsSent, Outstanding, AuthFailed, _latency.Snapshot(), UptimeMs, BytesReceived, ConnectionRevalidates, Revalidates);

    /// <summary>srst: latency and packet counters back to zero (outstanding requests stay, they are real).</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _packetsReceived, 0);
        Interlocked.Exchange(ref _packetsSent, 0);
        Interlocked.Exchange(ref _authFailed, 0);
        Interlocked.Exchange(ref _bytesReceived, 0);
        Interlocked.Exchange(ref _connectionRevalidates, 0); // ServerStats.reset resets ServerMetrics too
        Interlocked.Exchange(ref _revalidates, 0);
        _latency.Reset();
    }
}

/// <summary>Min / avg / max of request latencies in ms (ZooKeeper's AvgMinMaxCounter); 0s when empty.</summary>
public sealed class LatencyCounter
{
    private readonly object _gate = new();
    private long _count;
    private long _total;
    private long _min = long.MaxValue;
    private long _max;
    private long _last;

    public void Add(long latencyMs)
    {
        lock (_gate)
        {
            _count++;
            _total += latencyMs;
            _last = latencyMs;
            if (latencyMs < _min)
                _min = latencyMs;
            if (latencyMs > _max)
                _max = latencyMs;
        }
    }

    public LatencySnapshot Snapshot()
    {
        lock (_gate)
            return new LatencySnapshot(_count, _total, _count == 0 ? 0 : _min, _max, _last);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _count = 0;
            _total = 0;
            _min = long.MaxValue;
            _max = 0;
            _last = 0;
        }
    }
}

public sealed record ServerStatsSnapshot(
    long PacketsReceived, long PacketsSent, long Outstanding, long AuthFailed, LatencySnapshot Latency, long UptimeMs, long BytesReceived = 0,
    long ConnectionRevalidates = 0, long Revalidates = 0);

public readonly record struct LatencySnapshot(long Count, long Total, long Min, long Max, long Last)
{
    /// <summary>srvr and mntr: the mean rounded to 4 decimals (AvgMinMaxCounter.getAvg).</summary>
    public double Average => Count == 0 ? 0 : Math.Round((double)Total / Count, 4, MidpointRounding.AwayFromZero);

    /// <summary>cons: the integer mean (ServerCnxn.getAvgLatency).</summary>
    public long IntegerAverage => Count == 0 ? 0 : Total / Count;
}
