using System.Diagnostics;
using AkkaZk.Client;

namespace AkkaZk.Bench.Workloads;

/// <summary>
/// setData (and, for mixed, getData) where every worker owns a disjoint set of znodes, so it knows each node's
/// version: a set must answer version+1 and the new length, a get exactly the bytes of the last set.
/// </summary>
/// <param name="readPct">share of getData in percent; null takes --read-pct (mixed)</param>
public sealed class OwnedNodesWorkload(int? readPct) : IWorkload
{
    private DataSet? _data;

    public Task SetupAsync(BenchContext context)
    {
        var workers = context.Options.Sessions * context.Options.Outstanding;
        _data = new DataSet(context.Root, Math.Max(context.Options.Znodes, workers), context.Options.DataSize);
        return _data.CreateAsync(context.Clients);
    }

    public IWorker CreateWorker(BenchContext context, int index)
    {
        var workers = context.Options.Sessions * context.Options.Outstanding;
        var owned = Enumerable.Range(0, _data!.Count).Where(i => i % workers == index).ToArray();
        return new Worker(context.ClientOf(index, workers), _data, owned, readPct ?? context.Options.ReadPct, new Random(index));
    }

    public Task CleanupAsync(BenchContext context) => _data!.DeleteAsync(context.Clients);

    private sealed class Worker(ZkClient client, DataSet data, int[] owned, int readPct, Random random) : IWorker
    {
        private readonly int[] _versions = new int[owned.Length];
        private int _next;

        public async Task<Sample> StepAsync()
        {
            var slot = _next++ % owned.Length;
            var i = owned[slot];
            var path = data.PathOf(i);
            if (random.Next(100) < readPct)
            {
                var start = Stopwatch.GetTimestamp();
                var reply = await client.GetDataAsync(path);
                var end = Stopwatch.GetTimestamp();
                if (!Payload.Matches(reply.Data, i, _versions[slot], data.DataSize))
                    throw new VerificationException($"getData {path} returned {Payload.Describe(reply.Data)}, expected k{i}:v{_versions[slot]}");
                return new Sample(start, end);
            }
            else
            {
                var version = _versions[slot] + 1;
                var payload = Payload.For(i, version, data.DataSize);
                var start = Stopwatch.GetTimestamp();
                var stat = await client.SetDataAsync(path, payload, _versions[slot]);
                var end = Stopwatch.GetTimestamp();
                if (stat.Version != version || stat.DataLength != payload.Length)
                    throw new VerificationException($"setData {path} answered version {stat.Version}, length {stat.DataLength}; expected {version}, {payload.Length}");
                _versions[slot] = version;
                return new Sample(start, end);
            }
        }
    }
}
