using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

/// <summary>Expected bytes were produced by Apache ZooKeeper 3.8.0's own jute classes (BinaryOutputArchive).</summary>
public sealed class TxnCodecTests
{
    private static readonly IReadOnlyList<Acl> Acls = [new(Perms.All, Id.Anyone), new(Perms.Read, new Id("digest", "u:h"))];

    public static TheoryData<string, Txn, string> Cases => new()
    {
        {
            "create",
            new Txn(new TxnHeader(0x100, 7, 0x500000003, 1700000000000, OpCode.Create), new CreateTxn("/a", [1, 2], Acls, true, 3)),
            "00000000000001000000000700000005000000030000018bcfe5680000000001000000022f61000000020102000000020000001f00000005776f726c6400000006616e796f6e65000000010000000664696765737400000003753a680100000003"
        },
        {
            "ttl",
            new Txn(new TxnHeader(1, 2, 3, 4, OpCode.CreateTtl), new CreateTtlTxn("/t", null, Acls, 1, 5000)),
            "0000000000000001000000020000000000000003000000000000000400000015000000022f74ffffffff000000020000001f00000005776f726c6400000006616e796f6e65000000010000000664696765737400000003753a68000000010000000000001388"
        },
        {
            "close",
            new Txn(new TxnHeader(1, 2, 3, 4, OpCode.CloseSession), new CloseSessionTxn(["/e1", "/e2"])),
            "00000000000000010000000200000000000000030000000000000004fffffff500000002000000032f6531000000032f6532"
        },
        {
            "multi",
            new Txn(new TxnHeader(1, 2, 3, 4, OpCode.Multi), new MultiTxn([
                new SubTxn(OpCode.CreateContainer, new CreateContainerTxn("/c", [], Acls, 2)),
                new SubTxn(OpCode.Error, new ErrorTxn(ErrorCode.NodeExists)),
            ])),
            "000000000000000100000002000000000000000300000000000000040000000e00000002000000130000003e000000022f6300000000000000020000001f00000005776f726c6400000006616e796f6e65000000010000000664696765737400000003753a6800000002ffffffff00000004ffffff92"
        },
        {
            "setacl",
            new Txn(new TxnHeader(1, 2, 3, 4, OpCode.SetAcl), new SetAclTxn("/x", Acls, 2)),
            "0000000000000001000000020000000000000003000000000000000400000007000000022f78000000020000001f00000005776f726c6400000006616e796f6e65000000010000000664696765737400000003753a6800000002"
        },
        {
            "setdata",
            new Txn(new TxnHeader(1, 2, 3, 4, OpCode.SetData), new SetDataTxn("/x", [9], 2)),
            "0000000000000001000000020000000000000003000000000000000400000005000000022f78000000010900000002"
        },
        {
            "session",
            new Txn(new TxnHeader(1, 2, 3, 4, OpCode.CreateSession), new CreateSessionTxn(30000)),
            "00000000000000010000000200000000000000030000000000000004fffffff600007530"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Txn_bytes_match_ZooKeeper(string name, Txn txn, string hex)
    {
        Assert.True(name.Length > 0);
        Assert.Equal(hex, Convert.ToHexStringLower(TxnCodec.ToBytes(txn)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Txn_bytes_read_back_to_an_equal_txn(string name, Txn txn, string hex)
    {
        Assert.True(name.Length > 0);
        var read = TxnCodec.FromBytes(Convert.FromHexString(hex));
        Assert.Equal(txn.Header, read.Header);
        Assert.Equal(TxnCodec.ToBytes(txn), TxnCodec.ToBytes(read));
    }

    [Fact]
    public void Every_txn_the_database_prepares_round_trips_and_applies_identically()
    {
        var leader = new ZkHarness();
        var follower = new ZkDatabase(new DatabaseOptions());
        foreach (var session in new[] { ZkHarness.Session, ZkHarness.Other })
            follower.Apply(TxnCodec.FromBytes(TxnCodec.ToBytes(new Txn(new TxnHeader(session, 0, 0, 0, OpCode.CreateSession), new CreateSessionTxn(30000)))));
        var txns = new List<Txn>
        {
            leader.Prepare(OpCode.Create, new CreateRequest("/a", [1], Acl.OpenAclUnsafe, CreateMode.Persistent)),
        };
        leader.Db.Apply(txns[^1]);
        txns.Add(leader.Prepare(OpCode.Create2, new CreateRequest("/a/e", [], Acl.OpenAclUnsafe, CreateMode.EphemeralSequential)));
        leader.Db.Apply(txns[^1]);
        txns.Add(leader.Prepare(OpCode.SetData, new SetDataRequest("/a", [2], 0)));
        leader.Db.Apply(txns[^1]);
        txns.Add(leader.Prepare(OpCode.Multi, new MultiRequest([
            new MultiOp(OpCode.Create, new CreateRequest("/b", [], Acl.OpenAclUnsafe, CreateMode.Persistent)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/zz", -1)),
        ])));
        leader.Db.Apply(txns[^1]);
        txns.Add(leader.Db.PrepareCloseSession(ZkHarness.Session, 9, leader.NextZxid(), leader.Time));
        leader.Db.Apply(txns[^1]);
        foreach (var txn in txns)
            follower.Apply(TxnCodec.FromBytes(TxnCodec.ToBytes(txn)));
        Assert.Equal(
            leader.Db.Tree.Nodes.Select(kv => (kv.Key, kv.Value.Stat, kv.Value.ChildCount)).OrderBy(x => x.Key, StringComparer.Ordinal),
            follower.Tree.Nodes.Select(kv => (kv.Key, kv.Value.Stat, kv.Value.ChildCount)).OrderBy(x => x.Key, StringComparer.Ordinal));
        Assert.Null(follower.Tree.GetNode("/a/e0000000000"));
    }
}
