using System.Collections.Concurrent;
using System.Diagnostics;
using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.Bench.Workloads;

/// <summary>
/// Notification latency: sessions pair up as watcher and writer. Each worker owns one znode: the watcher reads it
/// with a watch (and checks the bytes), the writer sets it, and the sample runs from sending the setData to the
/// NodeDataChanged arriving at the watcher. Every change must bring exactly one event for that path.
/// </summary>
public sealed class WatchWorkload : IWorkload
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);
    private DataSet? _data;
    private readonly List<Task> _dispatchers = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _awaited = new();

    private static int Pairs(BenchOptions o) => Math.Max(1, o.Sessions / 2);

    public int SessionsNeeded(BenchOptions options) => 2 * Pairs(options);

    public int WorkerCount(BenchOptions options) => Pairs(options) * options.Outstanding;

    public Task SetupAsync(BenchContext context)
    {
        _data = new DataSet(context.Root, WorkerCount(context.Options), context.Options.DataSize);
        for (var p = 0; p < context.Clients.Count; p += 2)
            _dispatchers.Add(DispatchAsync(context.Clients[p]));
        return _data.CreateAsync(context.Clients);
    }

    public IWorker CreateWorker(BenchContext context, int index)
    {
        var pair = index / context.Options.Outstanding;
        return new Worker(this, context.Clients[2 * pair], context.Clients[2 * pair + 1], _data!, index);
    }

    public Task CleanupAsync(BenchContext context) => _data!.DeleteAsync(context.Clients);

    /// <summary>Hands each event to the worker waiting for it; an event nobody waits for is a wrong answer.</summary>
    private async Task DispatchAsync(ZkClient watcher)
    {
        await foreach (var e in watcher.Events.ReadAllAsync())
        {
            var now = Stopwatch.GetTimestamp();
            if (e.Type == EventType.None)
                continue;
            if (e.Type == EventType.NodeDataChanged && _awaited.TryRemove(e.Path, out var waiter))
            {
                waiter.TrySetResult(now);
                continue;
            }
            Failure ??= $"unexpected watch event {e.Type} for {e.Path}";
            foreach (var path in _awaited.Keys)
            {
                if (_awaited.TryRemove(path, out var other))
                    other.TrySetException(new VerificationException(Failure));
            }
        }
    }

    private sealed class Worker(WatchWorkload owner, ZkClient watcher, ZkClient writer, DataSet data, int i) : IWorker
    {
        private int _version;

        public async Task<Sample> StepAsync()
        {
            var path = data.PathOf(i);
            var seen = await watcher.GetDataAsync(path, watch: true);
            if (!Payload.Matches(seen.Data, i, _version, data.DataSize))
                throw new VerificationException($"getData {path} returned {Payload.Describe(seen.Data)}, expected k{i}:v{_version}");
            var fired = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!owner._awaited.TryAdd(path, fired))
                throw new VerificationException($"a watch event for {path} is still outstanding");
            var version = _version + 1;
            var start = Stopwatch.GetTimestamp();
            var stat = await writer.SetDataAsync(path, Payload.For(i, version, data.DataSize), _version);
            if (stat.Version != version)
                throw new VerificationException($"setData {path} answered version {stat.Version}, expected {version}");
            _version = version;
            try
            {
                return new Sample(start, await fired.Task.WaitAsync(EventTimeout));
            }
            catch (TimeoutException)
            {
                throw new VerificationException($"no NodeDataChanged for {path} within {EventTimeout.TotalSeconds}s of the setData");
            }
        }
    }

    public string? Failure { get; private set; }
}
