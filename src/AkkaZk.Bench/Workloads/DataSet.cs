using AkkaZk.Client;

namespace AkkaZk.Bench.Workloads;

/// <summary>
/// The pre-made znodes most workloads read or write: {root}/data/n{i} for i in [0, count), each holding
/// <see cref="Payload.For"/>(i, version 0). Created and deleted with many requests in flight.
/// </summary>
public sealed class DataSet(string root, int count, int dataSize)
{
    public string Parent { get; } = root + "/data";
    public int Count { get; } = count;
    public int DataSize { get; } = dataSize;

    public string PathOf(int i) => $"{Parent}/n{i}";

    public async Task CreateAsync(IReadOnlyList<ZkClient> clients)
    {
        await clients[0].CreateAsync(Parent, []);
        await Pipelined.ForEachAsync(Count, clients, async (client, i) =>
        {
            var path = PathOf(i);
            var created = await client.CreateAsync(path, Payload.For(i, 0, DataSize));
            if (created != path)
                throw new VerificationException($"create {path} answered {created}");
        });
    }

    public async Task DeleteAsync(IReadOnlyList<ZkClient> clients)
    {
        await Pipelined.ForEachAsync(Count, clients, (client, i) => client.DeleteAsync(PathOf(i)));
        await clients[0].DeleteAsync(Parent);
    }
}

public static class Pipelined
{
    /// <summary>Runs op(client, i) for every i in [0, count), spread over the clients with up to 128 in flight on each.</summary>
    public static Task ForEachAsync(int count, IReadOnlyList<ZkClient> clients, Func<ZkClient, int, Task> op, int inFlightPerClient = 128)
    {
        var next = -1;
        return Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, inFlightPerClient).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await op(client, i);
        })));
    }
}
