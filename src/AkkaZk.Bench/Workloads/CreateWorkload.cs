using System.Diagnostics;
using AkkaZk.Client;

namespace AkkaZk.Bench.Workloads;

/// <summary>create of new persistent znodes with unique names; each reply must name the path asked for.</summary>
public sealed class CreateWorkload : IWorkload
{
    private readonly List<Worker> _workers = [];
    private string Parent(BenchContext c) => c.Root + "/create";

    public Task SetupAsync(BenchContext context) => context.Clients[0].CreateAsync(Parent(context), []);

    public IWorker CreateWorker(BenchContext context, int index)
    {
        var worker = new Worker(context.ClientOf(index, context.Options.Sessions * context.Options.Outstanding),
            $"{Parent(context)}/w{index}-", context.Options.DataSize);
        lock (_workers)
            _workers.Add(worker);
        return worker;
    }

    public async Task CleanupAsync(BenchContext context)
    {
        var paths = _workers.SelectMany(w => w.Created).ToList();
        await Pipelined.ForEachAsync(paths.Count, context.Clients, (client, i) => client.DeleteAsync(paths[i]));
        await context.Clients[0].DeleteAsync(Parent(context));
    }

    private sealed class Worker(ZkClient client, string prefix, int dataSize) : IWorker
    {
        public List<string> Created { get; } = [];

        public async Task<Sample> StepAsync()
        {
            var path = prefix + Created.Count;
            var data = Payload.For(Created.Count, 0, dataSize);
            var start = Stopwatch.GetTimestamp();
            var created = await client.CreateAsync(path, data);
            var end = Stopwatch.GetTimestamp();
            if (created != path)
                throw new VerificationException($"create {path} answered {created}");
            Created.Add(path);
            return new Sample(start, end);
        }
    }
}
