using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using AkkaZk.Client;
using AkkaZk.Data;
using AkkaZk.ProcessTests.Durability;
using AkkaZk.ProcessTests.Infrastructure;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>Reads from one ensemble member at a time: direct connections, sync, whole trees, mntr and srvr figures.</summary>
public static class EnsembleReads
{
    /// <summary>
    /// A session on the server at <paramref name="port"/> and nowhere else; retried while the server is not serving
    /// (LOOKING or syncing members close connections at the handshake).
    /// </summary>
    public static async Task<ZkClient> ConnectDirectAsync(int port, int sessionTimeoutMs = 10000, TimeSpan? retryFor = null,
        long sessionId = 0, byte[]? password = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = retryFor ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await ZkClient.ConnectAsync("127.0.0.1", port, sessionTimeoutMs, sessionId, password);
            }
            catch (Exception e) when (e is IOException or SocketException && clock.Elapsed < limit)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>sync(path): the server has caught up with the leader as of this call once it answers.</summary>
    public static Task SyncAsync(this ZkClient client, string path = "/") =>
        client.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest(path));

    /// <summary>The whole tree as the server at <paramref name="port"/> holds it after a sync, read over a session of its own.</summary>
    public static async Task<SortedDictionary<string, ZnodeState>> ReadTreeAsync(int port, string root = "/")
    {
        await using var client = await ConnectDirectAsync(port);
        await client.SyncAsync(root);
        var tree = await TreeReader.ReadAsync(client, root);
        await client.CloseSessionAsync();
        // each server stamps /zookeeper/config with its own clock when it loads its tree, as ZooKeeper does
        if (tree.TryGetValue("/zookeeper/config", out var config))
            tree["/zookeeper/config"] = config with { Stat = config.Stat with { Mtime = 0 } };
        return tree;
    }

    /// <summary>exists(path) on the server at <paramref name="port"/> after a sync, over a session of its own.</summary>
    public static async Task<Stat?> StatOnAsync(int port, string path)
    {
        await using var client = await ConnectDirectAsync(port);
        await client.SyncAsync();
        var stat = await client.ExistsAsync(path);
        await client.CloseSessionAsync();
        return stat;
    }

    /// <summary>mntr's key/value lines (zk_znode_count, zk_server_state, ...).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> MntrAsync(int port)
    {
        var text = await FourLetterWords.AskAsync(port, "mntr", TimeSpan.FromSeconds(10))
            ?? throw new InvalidOperationException($"no mntr answer on port {port}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>The epoch (high 32 bits) of the server's last zxid, from srvr.</summary>
    public static async Task<long> EpochAsync(int port) => await ServerState.LastZxidAsync(port) >> 32;

    public static long ParseLong(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
