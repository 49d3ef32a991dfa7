using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

/// <summary>The leader validates each write against the tree plus the writes it prepared but has not applied yet.</summary>
public sealed class OutstandingChangesTests
{
    private readonly ZkHarness _zk = new();

    private Txn Create(string path, CreateMode mode = CreateMode.Persistent) =>
        _zk.Prepare(OpCode.Create, new CreateRequest(path, [], Acl.OpenAclUnsafe, mode));

    [Fact]
    public void A_second_create_of_the_same_path_fails_before_the_first_is_applied()
    {
        var first = Create("/a");
        var second = Create("/a");
        Assert.Equal(new ErrorTxn(ErrorCode.NodeExists), second.Body);
        Assert.Equal(ErrorCode.Ok, _zk.Db.Apply(first).Err);
        Assert.Equal(ErrorCode.NodeExists, _zk.Db.Apply(second).Err);
    }

    [Fact]
    public void Sequential_suffixes_count_outstanding_creates()
    {
        _zk.Create("/q");
        var a = Create("/q/n-", CreateMode.PersistentSequential);
        var b = Create("/q/n-", CreateMode.PersistentSequential);
        Assert.Equal("/q/n-0000000000", ((CreateTxn)a.Body!).Path);
        Assert.Equal("/q/n-0000000001", ((CreateTxn)b.Body!).Path);
        Assert.Equal(1, ((CreateTxn)a.Body!).ParentCVersion);
        Assert.Equal(2, ((CreateTxn)b.Body!).ParentCVersion);
        _zk.Db.Apply(a);
        _zk.Db.Apply(b);
        Assert.Equal(0, _zk.Db.OutstandingChangeCount);
    }

    [Fact]
    public void Versions_and_child_counts_come_from_outstanding_changes()
    {
        _zk.Create("/v");
        var first = (SetDataTxn)_zk.Prepare(OpCode.SetData, new SetDataRequest("/v", [1], 0)).Body!;
        var second = (SetDataTxn)_zk.Prepare(OpCode.SetData, new SetDataRequest("/v", [2], 1)).Body!;
        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.IsType<CreateTxn>(Create("/v/c").Body);
        Assert.Equal(new ErrorTxn(ErrorCode.NotEmpty), _zk.Prepare(OpCode.Delete, new DeleteRequest("/v", -1)).Body);
        Assert.IsType<DeleteTxn>(_zk.Prepare(OpCode.Delete, new DeleteRequest("/v/c", -1)).Body);
        Assert.IsType<DeleteTxn>(_zk.Prepare(OpCode.Delete, new DeleteRequest("/v", 2)).Body);
        Assert.Equal(new ErrorTxn(ErrorCode.NoNode), _zk.Prepare(OpCode.SetData, new SetDataRequest("/v", [3], -1)).Body);
    }

    [Fact]
    public void A_pending_setAcl_governs_later_writes()
    {
        _zk.Create("/acl");
        _zk.Prepare(OpCode.SetAcl, new SetAclRequest("/acl", Acl.ReadAclUnsafe, -1));
        Assert.Equal(new ErrorTxn(ErrorCode.NoAuth), _zk.Prepare(OpCode.SetData, new SetDataRequest("/acl", [1], -1)).Body);
    }

    [Fact]
    public void Clearing_outstanding_changes_falls_back_to_the_tree()
    {
        Create("/gone");
        _zk.Db.ClearOutstandingChanges();
        Assert.IsType<CreateTxn>(Create("/gone").Body);
    }

    [Fact]
    public void Ephemeral_parent_check_sees_outstanding_ephemerals()
    {
        Create("/eph", CreateMode.Ephemeral);
        Assert.Equal(new ErrorTxn(ErrorCode.NoChildrenForEphemerals), Create("/eph/c").Body);
    }
}
