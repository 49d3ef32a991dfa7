using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class MultiTests
{
    private readonly ZkHarness _zk = new();

    private static MultiOp Create(string path, CreateMode mode = CreateMode.Persistent, OpCode type = OpCode.Create) =>
        new(type, new CreateRequest(path, [], Acl.OpenAclUnsafe, mode));

    [Fact]
    public void Successful_multi_applies_every_op_under_one_zxid()
    {
        _zk.Create("/x", [1]);
        var result = _zk.Write(OpCode.Multi, new MultiRequest([
            Create("/a"),
            Create("/a/b", type: OpCode.Create2),
            Create("/c", CreateMode.Container, OpCode.CreateContainer),
            new MultiOp(OpCode.SetData, new SetDataRequest("/x", [2], 0)),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/x", 1)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/a/b", -1)),
        ]));
        Assert.Equal(ErrorCode.Ok, result.Err);
        var results = Assert.IsType<MultiResponse>(result.Response).Results;
        Assert.Equal(new MultiResult(OpCode.Create, ErrorCode.Ok, new CreateResponse("/a")), results[0]);
        // create2 inside a multi is rebuilt as a plain create (MultiOperationRecord), so it replies without a stat.
        Assert.Equal(new MultiResult(OpCode.Create, ErrorCode.Ok, new CreateResponse("/a/b")), results[1]);
        Assert.Equal(OpCode.Create2, results[2].Type);
        Assert.Equal(OpCode.SetData, results[3].Type);
        Assert.Equal(1, ((StatResponse)results[3].Result!).Stat.Version);
        Assert.Equal(new MultiResult(OpCode.Check, ErrorCode.Ok, null), results[4]);
        Assert.Equal(new MultiResult(OpCode.Delete, ErrorCode.Ok, null), results[5]);
        Assert.Equal(result.Zxid, _zk.StatOf("/a").Czxid);
        Assert.Equal(result.Zxid, _zk.StatOf("/x").Mzxid);
    }

    [Fact]
    public void Failed_multi_applies_nothing_and_reports_ok_then_the_error_then_runtime_inconsistency()
    {
        // Checked against ZooKeeper 3.8.0 with kazoo: [RolledBackError, NodeExistsError, RuntimeInconsistency].
        var txn = _zk.Prepare(OpCode.Multi, new MultiRequest([
            Create("/m1"),
            Create("/m1"),
            new MultiOp(OpCode.SetData, new SetDataRequest("/zz", [], -1)),
        ]));
        var multi = Assert.IsType<MultiTxn>(txn.Body);
        Assert.Equal(OpCode.Multi, txn.Header.Type);
        Assert.Equal(OpCode.Create, multi.Txns[0].Type);
        Assert.Equal(new SubTxn(OpCode.Error, new ErrorTxn(ErrorCode.NodeExists)), multi.Txns[1]);
        Assert.Equal(new SubTxn(OpCode.Error, new ErrorTxn(ErrorCode.RuntimeInconsistency)), multi.Txns[2]);

        var result = _zk.Db.Apply(txn);
        Assert.Equal(ErrorCode.Ok, result.Err);
        Assert.Equal(
            [
                new MultiResult(OpCode.Error, ErrorCode.Ok, new ErrorResponse(ErrorCode.Ok)),
                new MultiResult(OpCode.Error, ErrorCode.NodeExists, new ErrorResponse(ErrorCode.NodeExists)),
                new MultiResult(OpCode.Error, ErrorCode.RuntimeInconsistency, new ErrorResponse(ErrorCode.RuntimeInconsistency)),
            ],
            Assert.IsType<MultiResponse>(result.Response).Results);
        Assert.Equal(ErrorCode.NoNode, _zk.Read(OpCode.Exists, new ExistsRequest("/m1", false)).Err);
        Assert.Equal(0, _zk.Db.OutstandingChangeCount);
    }

    [Fact]
    public void Ops_in_a_multi_see_the_changes_of_earlier_ops()
    {
        var result = _zk.Write(OpCode.Multi, new MultiRequest([
            Create("/p"),
            Create("/p/s-", CreateMode.PersistentSequential),
            Create("/p/s-", CreateMode.PersistentSequential),
            new MultiOp(OpCode.SetData, new SetDataRequest("/p", [1], 0)),
            new MultiOp(OpCode.SetData, new SetDataRequest("/p", [2], 1)),
        ]));
        var results = Assert.IsType<MultiResponse>(result.Response).Results;
        Assert.Equal(new CreateResponse("/p/s-0000000001"), results[2].Result);
        Assert.Equal(2, _zk.StatOf("/p").Version);
    }

    [Fact]
    public void Rolled_back_multi_leaves_earlier_outstanding_changes_in_place()
    {
        _zk.Create("/p");
        var first = _zk.Prepare(OpCode.Create, new CreateRequest("/p/s-", [], Acl.OpenAclUnsafe, CreateMode.PersistentSequential));
        var failed = _zk.Prepare(OpCode.Multi, new MultiRequest([Create("/p/s-", CreateMode.PersistentSequential), Create("/missing/x")]));
        var second = _zk.Prepare(OpCode.Create, new CreateRequest("/p/s-", [], Acl.OpenAclUnsafe, CreateMode.PersistentSequential));
        Assert.Equal("/p/s-0000000000", ((CreateTxn)first.Body!).Path);
        Assert.Equal(OpCode.Error, ((MultiTxn)failed.Body!).Txns[1].Type);
        Assert.Equal("/p/s-0000000001", ((CreateTxn)second.Body!).Path);
        _zk.Db.Apply(first);
        _zk.Db.Apply(failed);
        _zk.Db.Apply(second);
        Assert.Equal(2, _zk.StatOf("/p").NumChildren);
    }

    [Fact]
    public void Failed_multi_fires_no_watches()
    {
        _zk.Read(OpCode.Exists, new ExistsRequest("/m1", true), watcher: 7);
        var result = _zk.Write(OpCode.Multi, new MultiRequest([Create("/m1"), Create("/m1")]));
        Assert.Empty(result.Notifications);
    }
}
