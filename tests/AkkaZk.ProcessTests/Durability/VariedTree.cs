using AkkaZk.Client;
using AkkaZk.Data;
using AkkaZk.Data.Auth;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// Writes a tree that exercises every kind of txn a restart must bring back: persistent, sequential and ephemeral
/// nodes, data versions, ACLs (digest, ip, auth, read-only world), a delete, and a multi.
/// </summary>
public static class VariedTree
{
    public const string Root = "/varied";

    public static IReadOnlyList<Acl> DigestAcl { get; } =
        [new(Perms.All, new Id("digest", DigestAuth.Generate("alice:secret"))), new(Perms.Read, Id.Anyone)];

    public static IReadOnlyList<Acl> IpAcl { get; } = [new(Perms.All, new Id("ip", "127.0.0.1")), new(Perms.Read, Id.Anyone)];

    /// <summary>Writes the tree through <paramref name="client"/> (whose session owns the ephemerals); returns the last zxid.</summary>
    public static async Task<long> WriteAsync(ZkClient client)
    {
        await client.AddDigestAuthAsync("alice:secret");
        await client.CreateAsync(Root, "root");
        await client.CreateAsync(Root + "/config", "cfg-0");
        await client.SetAsync(Root + "/config", "cfg-1");
        await client.SetAsync(Root + "/config", "cfg-2", version: 1);
        await client.CreateAsync(Root + "/empty", Array.Empty<byte>());
        await client.CreateAsync(Root + "/binary", [0, 1, 0xfe, 0xff, 0x7f]);
        await client.CreateAsync(Root + "/large", new string('x', 200_000));
        await client.CreateAsync(Root + "/queue", "");
        for (var i = 0; i < 5; i++)
            await client.CreateAsync(Root + "/queue/item-", $"job {i}", CreateMode.PersistentSequential);
        await client.DeleteAsync(Root + "/queue/item-0000000001");
        await client.CreateAsync(Root + "/locks", "");
        await client.CreateAsync(Root + "/locks/lock-", "holder", CreateMode.EphemeralSequential);
        await client.CreateAsync(Root + "/locks/leader", "me", CreateMode.Ephemeral);
        await client.CreateAsync(Root + "/secure", "digest", acl: DigestAcl);
        await client.CreateAsync(Root + "/iponly", "ip", acl: IpAcl);
        await client.CreateAsync(Root + "/mine", "auth", acl: [new Acl(Perms.All, Id.AuthIds), new Acl(Perms.Read, Id.Anyone)]);
        await client.SetAclAsync(Root + "/config", [new Acl(Perms.Read | Perms.Write, Id.Anyone), new Acl(Perms.All, new Id("ip", "127.0.0.1"))]);
        var (_, last) = await client.MultiAsync(
            new MultiOp(OpCode.Create, new CreateRequest(Root + "/multi", ZkOps.Bytes("m"), Acl.OpenAclUnsafe, CreateMode.Persistent)),
            new MultiOp(OpCode.Create, new CreateRequest(Root + "/multi/a", ZkOps.Bytes("a"), Acl.OpenAclUnsafe, CreateMode.Persistent)),
            new MultiOp(OpCode.Create, new CreateRequest(Root + "/multi/s-", ZkOps.Bytes("s"), Acl.OpenAclUnsafe, CreateMode.PersistentSequential)),
            new MultiOp(OpCode.Check, new CheckVersionRequest(Root + "/queue", 0)),
            new MultiOp(OpCode.SetData, new SetDataRequest(Root + "/binary", ZkOps.Bytes("text now"), 0)),
            new MultiOp(OpCode.Delete, new DeleteRequest(Root + "/queue/item-0000000002", -1)));
        return last;
    }
}
