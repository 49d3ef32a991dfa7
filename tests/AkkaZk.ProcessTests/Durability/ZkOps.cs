using System.Text;
using AkkaZk.Client;
using AkkaZk.Data;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>Short forms of the writes the durability tests make, each returning the txn's zxid from the reply header.</summary>
public static class ZkOps
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static Task<ZkClient> ConnectAsync(AkkaZk.ProcessTests.Infrastructure.AkkaZkNode node, int sessionTimeoutMs = 30000) =>
        ZkClient.ConnectAsync("127.0.0.1", node.ClientPort, sessionTimeoutMs);

    /// <summary>create2: the created path (sequential suffix included), its stat and the zxid.</summary>
    public static async Task<(string Path, Stat Stat, long Zxid)> CreateAsync(this ZkClient client, string path, string data,
        CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null) =>
        await CreateAsync(client, path, Bytes(data), mode, acl);

    public static async Task<(string Path, Stat Stat, long Zxid)> CreateAsync(this ZkClient client, string path, byte[] data,
        CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null)
    {
        var reply = await client.SendAsync(OpCode.Create2, new CreateRequest(path, data, acl ?? Acl.OpenAclUnsafe, mode));
        var body = Check(reply, $"create {path}") as Create2Response
            ?? throw new InvalidOperationException($"create {path}: no create2 response");
        return (body.Path, body.Stat, reply.Header.Zxid);
    }

    public static async Task<(Stat Stat, long Zxid)> SetAsync(this ZkClient client, string path, string data, int version = -1)
    {
        var reply = await client.SendAsync(OpCode.SetData, new SetDataRequest(path, Bytes(data), version));
        return (((StatResponse)Check(reply, $"set {path}")!).Stat, reply.Header.Zxid);
    }

    public static async Task<long> DeleteAsync(this ZkClient client, string path, int version = -1)
    {
        var reply = await client.SendAsync(OpCode.Delete, new DeleteRequest(path, version));
        Check(reply, $"delete {path}");
        return reply.Header.Zxid;
    }

    public static async Task<(Stat Stat, long Zxid)> SetAclAsync(this ZkClient client, string path, IReadOnlyList<Acl> acl, int version = -1)
    {
        var reply = await client.SendAsync(OpCode.SetAcl, new SetAclRequest(path, acl, version));
        return (((StatResponse)Check(reply, $"setAcl {path}")!).Stat, reply.Header.Zxid);
    }

    public static async Task<(MultiResponse Results, long Zxid)> MultiAsync(this ZkClient client, params MultiOp[] ops)
    {
        var reply = await client.SendAsync(OpCode.Multi, new MultiRequest(ops));
        return ((MultiResponse)Check(reply, "multi")!, reply.Header.Zxid);
    }

    public static async Task AddDigestAuthAsync(this ZkClient client, string userPassword)
    {
        var reply = await client.SendAsync(OpCode.Auth, new AuthPacket(0, "digest", Bytes(userPassword)), Xids.Auth);
        Check(reply, "addauth digest");
    }

    public static async Task<GetDataResponse?> GetAsync(this ZkClient client, string path)
    {
        var reply = await client.SendAsync(OpCode.GetData, new GetDataRequest(path, false));
        return reply.Header.Err == ErrorCode.NoNode ? null : (GetDataResponse)Check(reply, $"get {path}")!;
    }

    public static async Task<IReadOnlyList<string>> ChildrenAsync(this ZkClient client, string path) =>
        (await client.CallAsync<GetChildrenResponse>(OpCode.GetChildren, new GetChildrenRequest(path, false))).Children;

    private static ZkResponse? Check(ZkReply reply, string what) =>
        reply.Header.Err == ErrorCode.Ok ? reply.Body : throw new ZkException(reply.Header.Err, $"{what}: {reply.Header.Err}");
}
