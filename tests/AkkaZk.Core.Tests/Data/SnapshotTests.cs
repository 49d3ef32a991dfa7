using System.Buffers;
using AkkaZk.Data;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class SnapshotTests
{
    /// <summary>snapshot.0 of a fresh ZooKeeper 3.8.0 server, after the 16-byte file header, up to the closing "/" path.</summary>
    private const string FreshZooKeeperSnapshot =
        "00000000000000010000000000000001000000010000000100000005776f726c6400000006616e796f6e650000000000000000ffffffffffffffff0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000a2f7a6f6f6b656570657200000000ffffffffffffffff000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000112f7a6f6f6b65657065722f636f6e66696700000000000000000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000ffffffff00000000000000000000000000000000000000102f7a6f6f6b65657065722f71756f746100000000ffffffffffffffff000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000012f";

    private static byte[] Snapshot(ZkDatabase db)
    {
        var buffer = new ArrayBufferWriter<byte>();
        db.WriteSnapshot(new JuteWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    private static ZkDatabase Load(byte[] bytes, DatabaseOptions? options = null)
    {
        var db = new ZkDatabase(options ?? new DatabaseOptions());
        var reader = new JuteReader(bytes);
        db.LoadSnapshot(ref reader, 77);
        Assert.True(reader.AtEnd);
        return db;
    }

    [Fact]
    public void Fresh_tree_serializes_exactly_like_ZooKeeper()
    {
        Assert.Equal(FreshZooKeeperSnapshot, Convert.ToHexStringLower(Snapshot(new ZkDatabase(new DatabaseOptions()))));
    }

    [Fact]
    public void ZooKeeper_snapshot_loads_into_the_initial_tree()
    {
        var db = Load(Convert.FromHexString(FreshZooKeeperSnapshot));
        var fresh = new ZkHarness(openSessions: false);
        Assert.Equal(fresh.StatOf("/"), db.Tree.StatOf(db.Tree.GetNode("/")!));
        Assert.Equal(Acl.ReadAclUnsafe, db.Tree.AclOf(db.Tree.GetNode("/zookeeper/config")!));
        Assert.Equal(5, db.Tree.NodeCount);
        Assert.Equal(77, db.LastProcessedZxid);
    }

    [Fact]
    public void A_busy_tree_survives_a_snapshot_round_trip()
    {
        var zk = new ZkHarness(new DatabaseOptions(ExtendedTypesEnabled: true));
        var digest = new Id("digest", "u:h");
        zk.Create("/a", [1, 2], acl: [new Acl(Perms.All, digest)]);
        zk.Create("/b", acl: [new Acl(Perms.All, digest)]);
        zk.Create("/q");
        zk.Create("/q/s-", mode: CreateMode.PersistentSequential);
        zk.Create("/q/e", mode: CreateMode.Ephemeral);
        zk.Create("/c", mode: CreateMode.Container, type: OpCode.CreateContainer);
        zk.Create("/t", mode: CreateMode.PersistentWithTtl, type: OpCode.CreateTtl, ttl: 500);
        zk.Write(OpCode.Create, new CreateRequest("/n", JuteBuffers.Null, Acl.OpenAclUnsafe, CreateMode.Persistent));
        zk.Delete("/q/s-0000000000");

        var copy = Load(Snapshot(zk.Db), new DatabaseOptions(ExtendedTypesEnabled: true));
        foreach (var (path, node) in zk.Db.Tree.Nodes)
        {
            var loaded = copy.Tree.GetNode(path)!;
            Assert.Equal(zk.Db.Tree.StatOf(node), copy.Tree.StatOf(loaded));
            Assert.Equal(zk.Db.Tree.AclOf(node), copy.Tree.AclOf(loaded));
            Assert.Equal(node.Data, loaded.Data);
        }
        Assert.Equal(zk.Db.Tree.NodeCount, copy.Tree.NodeCount);
        Assert.Equal(["/q/e"], copy.GetEphemerals(ZkHarness.Session));
        Assert.Equal(["/c"], copy.Tree.Containers);
        Assert.Equal(["/t"], copy.Tree.Ttls);
        Assert.Equal(zk.Db.Sessions.OrderBy(kv => kv.Key), copy.Sessions.OrderBy(kv => kv.Key));
        Assert.Equal(zk.Db.Tree.GetNode("/a")!.AclRef, copy.Tree.GetNode("/a")!.AclRef);
        Assert.Null(copy.Tree.GetNode("/n")!.Data);

        var next = copy.Prepare(ZkHarness.Ctx(), 1, OpCode.Create, new CreateRequest("/q/s-", [], Acl.OpenAclUnsafe, CreateMode.PersistentSequential), 100, 0);
        Assert.Equal("/q/s-0000000002", ((AkkaZk.Data.Txns.CreateTxn)next.Body!).Path);
    }
}
