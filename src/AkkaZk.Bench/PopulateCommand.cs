using System.Diagnostics;
using AkkaZk.Bench.Workloads;
using AkkaZk.Client;

namespace AkkaZk.Bench;

/// <summary>Loads N znodes of B bytes under one parent, many requests in flight, and verifies each create.</summary>
public static class PopulateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new NamedArgs(args, "--server", "--znodes", "--data-size", "--root", "--sessions");
        var (host, port) = a.Server();
        var count = a.GetInt("--znodes", 100_000);
        var size = a.GetInt("--data-size", 100);
        var root = a.Get("--root", "/bench-mem");
        var clients = new List<ZkClient>();
        try
        {
            for (var i = 0; i < a.GetInt("--sessions", 4); i++)
                clients.Add(await ZkClient.ConnectAsync(host, port, 30000));
            var watch = Stopwatch.StartNew();
            await clients[0].CreateAsync(root, []);
            await Pipelined.ForEachAsync(count, clients, async (client, i) =>
            {
                var path = $"{root}/n{i}";
                if (await client.CreateAsync(path, Payload.For(i, 0, size)) != path)
                    throw new VerificationException($"create {path} answered another path");
            }, inFlightPerClient: 256);
            var total = await clients[0].GetChildrenAsync(root);
            if (total.Count != count)
                throw new VerificationException($"{root} has {total.Count} children after creating {count}");
            Console.Out.WriteLine($"populated {count} znodes of {size} bytes under {root} in {watch.Elapsed.TotalSeconds:F1}s " +
                $"({count / watch.Elapsed.TotalSeconds:F0} creates/s)");
            return 0;
        }
        catch (Exception e) when (e is VerificationException or ZkException or IOException)
        {
            Console.Error.WriteLine($"populate failed: {e.Message}");
            return 1;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.CloseSessionAsync();
                await client.DisposeAsync();
            }
        }
    }
}
