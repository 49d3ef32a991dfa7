using AkkaZk.Data;
using AkkaZk.Protocol;

namespace AkkaZk.Client;

/// <summary>
/// The everyday ZooKeeper calls over <see cref="ZkClient.CallAsync{T}"/>: each throws <see cref="ZkException"/>
/// on a non-zero error code, except <see cref="ExistsAsync"/>, which answers null for a missing node as ZooKeeper's exists() does.
/// </summary>
public static class ZkClientOperations
{
    /// <summary>create: returns the path the server created (differs from <paramref name="path"/> for sequential nodes).</summary>
    public static async Task<string> CreateAsync(this ZkClient client, string path, byte[] data,
        CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null)
    {
        var response = await client.CallAsync<CreateResponse>(OpCode.Create,
            new CreateRequest(path, data, acl ?? Acl.OpenAclUnsafe, mode));
        return response.Path;
    }

    public static Task<GetDataResponse> GetDataAsync(this ZkClient client, string path, bool watch = false) =>
        client.CallAsync<GetDataResponse>(OpCode.GetData, new GetDataRequest(path, watch));

    /// <summary>setData: returns the node's new stat; version -1 matches any version.</summary>
    public static async Task<Stat> SetDataAsync(this ZkClient client, string path, byte[] data, int version = -1)
    {
        var response = await client.CallAsync<StatResponse>(OpCode.SetData, new SetDataRequest(path, data, version));
        return response.Stat;
    }

    /// <summary>exists: the stat, or null when the node does not exist (a watch is then left for its creation).</summary>
    public static async Task<Stat?> ExistsAsync(this ZkClient client, string path, bool watch = false)
    {
        var reply = await client.SendAsync(OpCode.Exists, new ExistsRequest(path, watch));
        if (reply.Header.Err == ErrorCode.NoNode)
            return null;
        if (reply.Header.Err != ErrorCode.Ok)
            throw new ZkException(reply.Header.Err, $"{OpCode.Exists} failed: {reply.Header.Err}");
        return ((StatResponse)reply.Body!).Stat;
    }

    public static async Task<IReadOnlyList<string>> GetChildrenAsync(this ZkClient client, string path, bool watch = false)
    {
        var response = await client.CallAsync<GetChildrenResponse>(OpCode.GetChildren, new GetChildrenRequest(path, watch));
        return response.Children;
    }

    public static Task DeleteAsync(this ZkClient client, string path, int version = -1) =>
        client.CallAsync<ZkResponse>(OpCode.Delete, new DeleteRequest(path, version));
}
