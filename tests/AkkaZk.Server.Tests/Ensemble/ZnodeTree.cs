using AkkaZk.Client;
using AkkaZk.Data;
using AkkaZk.Protocol;

namespace AkkaZk.Tests.Ensemble;

/// <summary>A server's whole tree as a client reads it: every znode with its data and Stat, in path order.</summary>
internal static class ZnodeTree
{
    public sealed record Znode(string Path, string Data, Stat Stat)
    {
        public override string ToString() => $"{Path} = {Data} {Stat}";
    }

    /// <summary>After a sync (so a follower has applied everything its leader committed before it), walks the tree from "/".</summary>
    public static async Task<IReadOnlyList<Znode>> ReadAsync(ZkClient client)
    {
        await client.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest("/"));
        var nodes = new List<Znode>();
        var paths = new Queue<string>(["/"]);
        while (paths.TryDequeue(out var path))
        {
            var data = await client.GetDataAsync(path);
            // each server stamps /zookeeper/config with its own clock when it loads its tree, as ZooKeeper does
            var stat = path == "/zookeeper/config" ? data.Stat with { Mtime = 0 } : data.Stat;
            nodes.Add(new Znode(path, Convert.ToHexString(data.Data), stat));
            foreach (var child in await client.GetChildrenAsync(path))
                paths.Enqueue(path == "/" ? "/" + child : path + "/" + child);
        }
        return nodes.OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
    }
}
