using AkkaZk.Data;
using AkkaZk.Data.Snapshots;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

/// <summary>
/// A snapshot written in steps while the tree keeps changing (ZooKeeper's fuzzy snapshot), loaded and replayed
/// from its zxid, must give exactly the tree that was never interrupted: data, every stat field (cversion and
/// pzxid included), ACLs, sessions and ephemerals.
/// </summary>
public sealed class FuzzySnapshotTests
{
    private static readonly DatabaseOptions Options = new(ExtendedTypesEnabled: true);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_snapshot_written_between_changes_plus_the_replayed_log_is_the_live_tree(int seed)
    {
        var workload = new RandomWorkload(seed);
        for (var i = 0; i < 1500; i++)
            workload.Step();

        using var snapshot = new SnapshotWriter(workload.Zk.Db);
        var changesDuring = 0;
        while (!snapshot.Step(workload.Random.Next(1, 3)))
        {
            for (var k = workload.Random.Next(0, 5); k > 0; k--, changesDuring++)
                workload.Step();
        }
        for (var i = 0; i < 20; i++)
            workload.Step();
        var blob = SnapshotCodec.Finish(snapshot);

        var restored = SnapshotCodec.Read(blob, Options);
        Assert.Equal(snapshot.Zxid, restored.LastProcessedZxid);
        foreach (var txn in workload.Log.Where(t => t.Header.Zxid > restored.LastProcessedZxid))
            restored.Apply(txn);

        Assert.True(changesDuring > 50, $"only {changesDuring} changes happened while {snapshot.NodesWritten} nodes were written");
        AssertSameDatabase(workload.Zk.Db, restored);
    }

    [Fact]
    public void Replaying_a_create_of_a_node_that_exists_moves_the_parents_cversion_and_pzxid_on()
    {
        var zk = new ZkHarness();
        zk.Create("/p");
        var create = zk.Prepare(OpCode.Create, new CreateRequest("/p/c", [1], Acl.OpenAclUnsafe, CreateMode.Persistent));
        zk.Db.Apply(create);
        var later = new Txn(create.Header with { Zxid = zk.NextZxid() }, (CreateTxn)create.Body! with { ParentCVersion = 7 });

        var result = zk.Db.Apply(later);

        Assert.Equal(ErrorCode.NodeExists, result.Err);
        Assert.Equal(7, zk.Db.Tree.GetNode("/p")!.Stat.Cversion); // the stored cversion (clients see it doubled less the children)
        Assert.Equal(later.Header.Zxid, zk.StatOf("/p").Pzxid);
        Assert.Equal(ErrorCode.NodeExists, zk.Db.Apply(create).Err);
        Assert.Equal(7, zk.Db.Tree.GetNode("/p")!.Stat.Cversion); // the stored cversion (clients see it doubled less the children) // only forward, as DataTree.setCversionPzxid
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 25; seed++)
            seeds.Add(seed);
        return seeds;
    }

    private static void AssertSameDatabase(ZkDatabase expected, ZkDatabase actual)
    {
        Assert.Equal(expected.LastProcessedZxid, actual.LastProcessedZxid);
        Assert.Equal(expected.Sessions.OrderBy(kv => kv.Key), actual.Sessions.OrderBy(kv => kv.Key));
        var expectedPaths = expected.Tree.Nodes.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        var actualPaths = actual.Tree.Nodes.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedPaths, actualPaths);
        foreach (var path in expectedPaths)
        {
            var e = expected.Tree.GetNode(path)!;
            var a = actual.Tree.GetNode(path)!;
            Assert.True(expected.Tree.StatOf(e) == actual.Tree.StatOf(a), $"{path}: stat {expected.Tree.StatOf(e)} != {actual.Tree.StatOf(a)}");
            Assert.Equal(e.Data, a.Data);
            Assert.Equal(expected.Tree.AclOf(e), actual.Tree.AclOf(a));
        }
        foreach (var session in expected.Sessions.Keys.Concat(actual.Sessions.Keys).Distinct())
            Assert.Equal(expected.GetEphemerals(session).Order(), actual.GetEphemerals(session).Order());
        Assert.Equal(expected.Tree.Containers.Order(), actual.Tree.Containers.Order());
        Assert.Equal(expected.Tree.Ttls.Order(), actual.Tree.Ttls.Order());
        Assert.Equal(expected.Tree.ApproximateDataSize, actual.Tree.ApproximateDataSize);
    }

    /// <summary>Random writes of every kind, each prepared and applied as a server would, the txns kept as the log.</summary>
    private sealed class RandomWorkload(int seed)
    {
        private static readonly string[] Names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        private readonly List<long> _sessions = [ZkHarness.Session, ZkHarness.Other];
        private long _nextSession = 0x300;

        public Random Random { get; } = new(seed);

        public ZkHarness Zk { get; } = new(Options);

        public List<Txn> Log { get; } = [];

        public void Step()
        {
            var txn = Random.Next(100) switch
            {
                < 40 => Zk.Prepare(OpCode.Create, CreateUnder(AnyParent(), Mode()), AnySession()),
                < 48 => Zk.Prepare(OpCode.Delete, new DeleteRequest(AnyPath(), -1)),
                < 66 => Zk.Prepare(OpCode.SetData, new SetDataRequest(AnyPath(), Data(), -1)),
                < 72 => Zk.Prepare(OpCode.SetAcl, new SetAclRequest(AnyPath(), SomeAcl(), -1)),
                < 82 => Zk.Prepare(OpCode.Multi, new MultiRequest([
                    new MultiOp(OpCode.Create, CreateUnder(AnyParent(), CreateMode.Persistent)),
                    new MultiOp(OpCode.Delete, new DeleteRequest(AnyPath(), -1)),
                    new MultiOp(OpCode.SetData, new SetDataRequest(AnyPath(), Data(), -1))])),
                < 86 => Zk.Prepare(OpCode.CreateContainer, CreateUnder(AnyParent(), CreateMode.Container)),
                < 90 => Zk.Prepare(OpCode.CreateTtl, CreateUnder(AnyParent(), CreateMode.PersistentWithTtl, ttl: 60_000)),
                < 96 => OpenSession(),
                _ when _sessions.Count > 1 => CloseSession(),
                _ => OpenSession(),
            };
            Zk.Db.Apply(txn);
            Log.Add(txn);
        }

        private SessionContext AnySession() => ZkHarness.Ctx(_sessions[Random.Next(_sessions.Count)]);

        private Txn OpenSession()
        {
            var id = _nextSession++;
            _sessions.Add(id);
            return Zk.Db.PrepareCreateSession(id, 0, 30_000, Zk.NextZxid(), Zk.Time);
        }

        private Txn CloseSession()
        {
            // the harness's own session stays open: the other writes need a live one
            var id = _sessions[Random.Next(1, _sessions.Count)];
            _sessions.Remove(id);
            return Zk.Db.PrepareCloseSession(id, 0, Zk.NextZxid(), Zk.Time);
        }

        private string AnyPath()
        {
            var paths = Zk.Db.Tree.Nodes.Select(kv => kv.Key).Where(p => p != "/" && !p.StartsWith("/zookeeper", StringComparison.Ordinal)).ToList();
            return paths.Count == 0 || Random.Next(5) == 0 ? "/" + Names[Random.Next(Names.Length)] : paths[Random.Next(paths.Count)];
        }

        private string AnyParent()
        {
            var path = AnyPath();
            return Random.Next(3) == 0 || Zk.Db.Tree.GetNode(path) is null ? "/" : path;
        }

        private CreateRequest CreateUnder(string parent, CreateMode mode, long ttl = 0)
        {
            var path = (parent == "/" ? "" : parent) + "/" + Names[Random.Next(Names.Length)];
            return new CreateRequest(path, Data(), SomeAcl(), mode, ttl);
        }

        private CreateMode Mode() => Random.Next(6) switch
        {
            0 => CreateMode.PersistentSequential,
            1 => CreateMode.Ephemeral,
            2 => CreateMode.EphemeralSequential,
            _ => CreateMode.Persistent,
        };

        private IReadOnlyList<Acl> SomeAcl() => Random.Next(4) switch
        {
            0 => Acl.ReadAclUnsafe,
            1 => [new Acl(Perms.All, new Id("world", "anyone")), new Acl(Perms.Read, new Id("ip", $"10.0.0.{Random.Next(8)}"))],
            _ => Acl.OpenAclUnsafe,
        };

        private byte[] Data() => Random.Next(8) == 0 ? [] : [.. Enumerable.Range(0, Random.Next(1, 12)).Select(_ => (byte)Random.Next(256))];
    }
}
