using System.Globalization;
using AkkaZk.Bench.Workloads;
using AkkaZk.Client;

namespace AkkaZk.Bench;

/// <summary>
/// Writes N setData txns on one znode (same data each time, so the tree's size does not change) and prints the
/// zxid of the first one in hex: every snapshot at or after that zxid holds everything written before the call.
/// scripts/bench.sh uses it to make both servers take a snapshot of a freshly loaded tree (they snapshot every
/// snapCount/2..snapCount txns).
/// </summary>
public static class TouchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new NamedArgs(args, "--server", "--path", "--count", "--sessions");
        var (host, port) = a.Server();
        var path = a.Get("--path");
        var count = a.GetInt("--count", 10_000);
        var clients = new List<ZkClient>();
        try
        {
            for (var i = 0; i < a.GetInt("--sessions", 4); i++)
                clients.Add(await ZkClient.ConnectAsync(host, port, 30000));
            var data = (await clients[0].GetDataAsync(path)).Data;
            var first = await clients[0].SetDataAsync(path, data);
            await Pipelined.ForEachAsync(count - 1, clients, (client, _) => client.SetDataAsync(path, data), inFlightPerClient: 32);
            Console.Out.WriteLine("0x" + first.Mzxid.ToString("x", CultureInfo.InvariantCulture));
            return 0;
        }
        catch (Exception e) when (e is ZkException or IOException)
        {
            Console.Error.WriteLine($"touch failed: {e.Message}");
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
