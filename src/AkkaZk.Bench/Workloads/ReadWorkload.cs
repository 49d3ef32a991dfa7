using System.Diagnostics;
using AkkaZk.Client;

namespace AkkaZk.Bench.Workloads;

public enum ReadKind { GetData, Exists, GetChildren }

/// <summary>
/// Reads of znodes nobody changes during the run: getData must return exactly the bytes created, exists the
/// stat of version 0 with the right length, getChildren of the data parent every one of its children.
/// </summary>
public sealed class ReadWorkload(ReadKind kind) : IWorkload
{
    private DataSet? _data;

    public Task SetupAsync(BenchContext context)
    {
        _data = new DataSet(context.Root, context.Options.Znodes, context.Options.DataSize);
        return _data.CreateAsync(context.Clients);
    }

    public IWorker CreateWorker(BenchContext context, int index) =>
        new Worker(kind, context.ClientOf(index, context.Options.Sessions * context.Options.Outstanding), _data!, new Random(index));

    public Task CleanupAsync(BenchContext context) => _data!.DeleteAsync(context.Clients);

    private sealed class Worker(ReadKind kind, ZkClient client, DataSet data, Random random) : IWorker
    {
        public async Task<Sample> StepAsync()
        {
            var i = random.Next(data.Count);
            var path = data.PathOf(i);
            var start = Stopwatch.GetTimestamp();
            switch (kind)
            {
                case ReadKind.GetData:
                    {
                        var reply = await client.GetDataAsync(path);
                        var end = Stopwatch.GetTimestamp();
                        if (!Payload.Matches(reply.Data, i, 0, data.DataSize))
                            throw new VerificationException($"getData {path} returned {Payload.Describe(reply.Data)}, expected k{i}:v0");
                        return new Sample(start, end);
                    }
                case ReadKind.Exists:
                    {
                        var stat = await client.ExistsAsync(path);
                        var end = Stopwatch.GetTimestamp();
                        var expectedLength = Payload.For(i, 0, data.DataSize).Length;
                        if (stat is not { } s || s.Version != 0 || s.DataLength != expectedLength)
                            throw new VerificationException($"exists {path} returned {stat?.ToString() ?? "null"}, expected version 0 and {expectedLength} bytes");
                        return new Sample(start, end);
                    }
                default:
                    {
                        var children = await client.GetChildrenAsync(data.Parent);
                        var end = Stopwatch.GetTimestamp();
                        if (children.Count != data.Count || !children.Contains($"n{i}"))
                            throw new VerificationException($"getChildren {data.Parent} returned {children.Count} children, expected {data.Count} including n{i}");
                        return new Sample(start, end);
                    }
            }
        }
    }
}
