using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// Concurrent writers for the kill -9 tests. Under <see cref="Root"/>: w{i}/nodes/n-{k} (creates), w{i}/keys/k-{j}
/// (sets of an increasing counter) and one shared seq/ (sequential creates from every writer). Each writer keeps
/// up to <see cref="Outstanding"/> requests in flight and records every acknowledgement in its <see cref="CrashLedger"/>.
/// </summary>
public sealed class CrashWorkload(string root, int writers = 4, int keys = 4)
{
    public const int Outstanding = 8;

    public string Root { get; } = root;
    public IReadOnlyList<CrashLedger> Ledgers { get; } = Enumerable.Range(0, writers).Select(i => new CrashLedger(i, keys)).ToList();
    public int Keys { get; } = keys;

    public string NodesOf(int writer) => $"{Root}/w{writer}/nodes";
    public string KeysOf(int writer) => $"{Root}/w{writer}/keys";
    public string Sequential => $"{Root}/seq";
    public static string NodeName(int k) => $"n-{k}";
    public static string KeyName(int j) => $"k-{j}";
    public static string CreateData(int writer, int k) => $"w{writer}-n{k}";
    public static string SequentialData(int writer, int m) => $"w{writer}-{m}";

    /// <summary>Creates the skeleton: every key at counter 0 (version 0).</summary>
    public async Task SetUpAsync(ZkClient client)
    {
        await client.CreateAsync(Root, "");
        await client.CreateAsync(Sequential, "");
        foreach (var ledger in Ledgers)
        {
            await client.CreateAsync($"{Root}/w{ledger.Writer}", "");
            await client.CreateAsync(NodesOf(ledger.Writer), "");
            await client.CreateAsync(KeysOf(ledger.Writer), "");
            for (var j = 0; j < Keys; j++)
                await client.CreateAsync($"{KeysOf(ledger.Writer)}/{KeyName(j)}", "0");
        }
    }

    /// <summary>Runs every writer until its connection fails (the server was killed) or <paramref name="stop"/> fires.</summary>
    public Task RunAsync(IReadOnlyList<ZkClient> clients, CancellationToken stop) =>
        Task.WhenAll(Ledgers.Select(l => Task.Run(() => WriteAsync(clients[l.Writer], l, stop))));

    private async Task WriteAsync(ZkClient client, CrashLedger ledger, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(Outstanding);
        var inFlight = new List<Task>();
        var failed = false;
        for (var op = 0; !stop.IsCancellationRequested && !Volatile.Read(ref failed); op++)
        {
            await slots.WaitAsync();
            Task reply;
            try
            {
                // one sending loop per client: requests go out in counter order (SendAsync queues them FIFO)
                reply = (op % 3) switch
                {
                    0 => CreateAsync(client, ledger),
                    1 => SetAsync(client, ledger, op / 3 % Keys),
                    _ => SequentialAsync(client, ledger),
                };
            }
            catch (Exception)
            {
                slots.Release();
                break;
            }
            inFlight.Add(reply.ContinueWith(t =>
            {
                if (t.Exception?.Flatten().InnerExceptions.OfType<ZkException>().FirstOrDefault() is { } rejected)
                    ledger.Rejected(rejected.Message);
                if (!t.IsCompletedSuccessfully)
                    Volatile.Write(ref failed, true);
                slots.Release();
            }, TaskScheduler.Default));
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
    }

    private Task CreateAsync(ZkClient client, CrashLedger ledger)
    {
        var k = ledger.NextCreate();
        var send = client.CreateAsync($"{NodesOf(ledger.Writer)}/{NodeName(k)}", CreateData(ledger.Writer, k));
        return send.ContinueWith(t => ledger.CreateAcked(k, t.Result.Zxid), TaskScheduler.Default);
    }

    private Task SetAsync(ZkClient client, CrashLedger ledger, int key)
    {
        var counter = ledger.NextSet(key);
        var send = client.SetAsync($"{KeysOf(ledger.Writer)}/{KeyName(key)}", counter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return send.ContinueWith(t => ledger.SetAcked(key, counter, t.Result.Zxid), TaskScheduler.Default);
    }

    private Task SequentialAsync(ZkClient client, CrashLedger ledger)
    {
        var m = ledger.NextSequential();
        var send = client.CreateAsync(Sequential + "/s-", SequentialData(ledger.Writer, m), CreateMode.PersistentSequential);
        return send.ContinueWith(t => ledger.SequentialAcked(m, t.Result.Path, t.Result.Zxid), TaskScheduler.Default);
    }

    public int Acknowledged => Ledgers.Sum(l => l.Acknowledged);
    public long MaxAckedZxid => Ledgers.Max(l => l.MaxAckedZxid);
}
