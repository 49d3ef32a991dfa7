namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// What one writer sent and what the server acknowledged, with the acknowledged zxids. Counters count requests in
/// send order; a writer's requests reach the server in that order (one connection, FIFO), so durability of a
/// prefix of the txn log means a prefix of each counter.
/// </summary>
public sealed class CrashLedger(int writer, int keys)
{
    private readonly object _gate = new();

    public int Writer { get; } = writer;
    public int Keys { get; } = keys;

    /// <summary>Creates of nodes/n-{k}, k = 0..CreatesSent-1; acknowledged ones with their zxid.</summary>
    public int CreatesSent { get; private set; }
    public Dictionary<int, long> CreatesAcked { get; } = [];

    /// <summary>Sets of keys/k-{j} to "counter" 1, 2, 3, ...; the highest acknowledged counter and its zxid.</summary>
    public int[] SetsSent { get; } = new int[keys];
    public (int Counter, long Zxid)[] SetsAcked { get; } = new (int, long)[keys];

    /// <summary>Sequential creates seq/s- carrying "w{writer}-{m}", m = 0..; acknowledged: m → (name, zxid).</summary>
    public int SequentialsSent { get; private set; }
    public Dictionary<int, (string Name, long Zxid)> SequentialsAcked { get; } = [];

    /// <summary>Requests the server answered with an error code: none are expected, so each one is a failure.</summary>
    public List<string> Rejections { get; } = [];

    public int Acknowledged
    {
        get
        {
            lock (_gate)
                return CreatesAcked.Count + SequentialsAcked.Count + SetsAcked.Sum(s => s.Counter);
        }
    }

    public long MaxAckedZxid
    {
        get
        {
            lock (_gate)
                return CreatesAcked.Values.Concat(SequentialsAcked.Values.Select(v => v.Zxid)).Concat(SetsAcked.Select(s => s.Zxid))
                    .DefaultIfEmpty(0).Max();
        }
    }

    public int NextCreate()
    {
        lock (_gate)
            return CreatesSent++;
    }

    public int NextSet(int key)
    {
        lock (_gate)
            return ++SetsSent[key];
    }

    public int NextSequential()
    {
        lock (_gate)
            return SequentialsSent++;
    }

    public void CreateAcked(int k, long zxid)
    {
        lock (_gate)
            CreatesAcked[k] = zxid;
    }

    public void SetAcked(int key, int counter, long zxid)
    {
        lock (_gate)
        {
            if (counter > SetsAcked[key].Counter)
                SetsAcked[key] = (counter, zxid);
        }
    }

    public void Rejected(string what)
    {
        lock (_gate)
            Rejections.Add(what);
    }

    public void SequentialAcked(int m, string name, long zxid)
    {
        lock (_gate)
            SequentialsAcked[m] = (name, zxid);
    }
}
