using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>Reads a whole subtree through the wire protocol: getData, getACL and getChildren of every znode.</summary>
public static class TreeReader
{
    /// <summary>Every znode at or under <paramref name="root"/>, by path; one level's requests are pipelined.</summary>
    public static async Task<SortedDictionary<string, ZnodeState>> ReadAsync(ZkClient client, string root = "/")
    {
        var tree = new SortedDictionary<string, ZnodeState>(StringComparer.Ordinal);
        var level = new List<string> { root };
        while (level.Count > 0)
        {
            var reads = level.Select(path => ReadOneAsync(client, path)).ToList();
            var next = new List<string>();
            foreach (var (state, children) in await Task.WhenAll(reads))
            {
                tree[state.Path] = state;
                next.AddRange(children.Select(c => (state.Path == "/" ? "" : state.Path) + "/" + c));
            }
            level = next;
        }
        return tree;
    }

    private static async Task<(ZnodeState State, IReadOnlyList<string> Children)> ReadOneAsync(ZkClient client, string path)
    {
        var data = client.CallAsync<GetDataResponse>(OpCode.GetData, new GetDataRequest(path, false));
        var acl = client.CallAsync<GetAclResponse>(OpCode.GetAcl, new GetAclRequest(path));
        var children = client.CallAsync<GetChildrenResponse>(OpCode.GetChildren, new GetChildrenRequest(path, false));
        var d = await data;
        return (new ZnodeState(path, ZnodeState.Show(d.Data), d.Stat, ZnodeState.Show((await acl).Acl)), (await children).Children);
    }

    /// <summary>The differences between two reads, one line each (empty when equal).</summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyDictionary<string, ZnodeState> before, IReadOnlyDictionary<string, ZnodeState> after)
    {
        var lines = new List<string>();
        foreach (var (path, was) in before)
        {
            if (!after.TryGetValue(path, out var now))
                lines.Add($"missing after: {was}");
            else if (now != was)
                lines.Add($"changed: {was}\n     now: {now}");
        }
        lines.AddRange(after.Keys.Where(p => !before.ContainsKey(p)).Select(p => $"new after: {after[p]}"));
        return lines;
    }
}
