using AkkaZk.Data;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class ReadTests
{
    private readonly ZkHarness _zk = new();

    [Fact]
    public void GetData_returns_data_and_stat_and_needs_read()
    {
        _zk.Create("/a", [7, 8]);
        var data = Assert.IsType<GetDataResponse>(_zk.Read(OpCode.GetData, new GetDataRequest("/a", false)).Response);
        Assert.Equal([7, 8], data.Data);
        Assert.Equal(2, data.Stat.DataLength);
        _zk.Create("/w", acl: [new Acl(Perms.Write, Id.Anyone)]);
        Assert.Equal(ErrorCode.NoAuth, _zk.Read(OpCode.GetData, new GetDataRequest("/w", false)).Err);
        Assert.Equal(ErrorCode.NoAuth, _zk.Read(OpCode.GetChildren, new GetChildrenRequest("/w", false)).Err);
        Assert.Equal(ErrorCode.NoNode, _zk.Read(OpCode.GetData, new GetDataRequest("/zz", false)).Err);
    }

    [Fact]
    public void Exists_needs_no_permission_but_rejects_nul_characters()
    {
        _zk.Create("/w", acl: [new Acl(Perms.Write, Id.Anyone)]);
        Assert.Equal(ErrorCode.Ok, _zk.Read(OpCode.Exists, new ExistsRequest("/w", false)).Err);
        Assert.Equal(ErrorCode.BadArguments, _zk.Read(OpCode.Exists, new ExistsRequest("/w\u0000", false)).Err);
    }

    [Fact]
    public void GetChildren2_returns_names_and_the_parent_stat()
    {
        _zk.Create("/p");
        _zk.Create("/p/a");
        _zk.Create("/p/b");
        var response = Assert.IsType<GetChildren2Response>(_zk.Read(OpCode.GetChildren2, new GetChildrenRequest("/p", false)).Response);
        Assert.Equal(["a", "b"], response.Children.Order());
        Assert.Equal(2, response.Stat.NumChildren);
        Assert.Equal(2, response.Stat.Cversion);
    }

    [Fact]
    public void GetAllChildrenNumber_counts_every_descendant()
    {
        _zk.Create("/p");
        _zk.Create("/p/a");
        _zk.Create("/p/a/b");
        _zk.Create("/pp");
        Assert.Equal(2, ((GetAllChildrenNumberResponse)_zk.Read(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/p")).Response!).TotalNumber);
        Assert.Equal(7, ((GetAllChildrenNumberResponse)_zk.Read(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/")).Response!).TotalNumber);
        Assert.Equal(ErrorCode.NoNode, _zk.Read(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/x")).Err);
    }

    [Fact]
    public void GetEphemerals_lists_the_callers_ephemerals_under_a_prefix()
    {
        _zk.Create("/a", mode: CreateMode.Ephemeral);
        _zk.Create("/ab", mode: CreateMode.Ephemeral);
        _zk.Create("/b", mode: CreateMode.Ephemeral);
        _zk.Create("/c", mode: CreateMode.Ephemeral, ctx: ZkHarness.Ctx(ZkHarness.Other));
        var all = (GetEphemeralsResponse)_zk.Read(OpCode.GetEphemerals, new GetEphemeralsRequest("/")).Response!;
        Assert.Equal(["/a", "/ab", "/b"], all.Ephemerals.Order());
        var prefixed = (GetEphemeralsResponse)_zk.Read(OpCode.GetEphemerals, new GetEphemeralsRequest("/a")).Response!;
        Assert.Equal(["/a", "/ab"], prefixed.Ephemerals.Order());
    }

    [Fact]
    public void MultiRead_reports_each_op_on_its_own()
    {
        _zk.Create("/a", [1]);
        var read = _zk.Read(OpCode.MultiRead, new MultiRequest([
            new MultiOp(OpCode.GetData, new GetDataRequest("/a", false)),
            new MultiOp(OpCode.GetChildren, new GetChildrenRequest("/missing", false)),
            new MultiOp(OpCode.GetChildren, new GetChildrenRequest("/", false)),
        ]));
        Assert.Equal(ErrorCode.Ok, read.Err);
        var results = Assert.IsType<MultiResponse>(read.Response).Results;
        Assert.Equal(OpCode.GetData, results[0].Type);
        Assert.Equal([1], ((GetDataResponse)results[0].Result!).Data);
        Assert.Equal(new MultiResult(OpCode.Error, ErrorCode.NoNode, new ErrorResponse(ErrorCode.NoNode)), results[1]);
        Assert.Equal(OpCode.GetChildren, results[2].Type);
    }

    [Fact]
    public void MultiRead_with_a_write_op_is_a_marshalling_error()
    {
        var read = _zk.Read(OpCode.MultiRead, new MultiRequest([new MultiOp(OpCode.Delete, new DeleteRequest("/a", -1))]));
        Assert.Equal(ErrorCode.MarshallingError, read.Err);
    }

    [Fact]
    public void AddWatch_replies_with_a_zero_error_body()
    {
        Assert.Equal(new ErrorResponse(ErrorCode.Ok), _zk.Read(OpCode.AddWatch, new AddWatchRequest("/any", AddWatchMode.Persistent)).Response);
    }

    [Fact]
    public void Sync_echoes_the_path()
    {
        Assert.Equal(new SyncResponse("/a"), _zk.Read(OpCode.Sync, new SyncRequest("/a")).Response);
    }
}

public sealed class RequestKindsTests
{
    [Fact]
    public void Every_opcode_is_either_a_write_a_read_or_handled_by_the_connection()
    {
        foreach (var type in Enum.GetValues<OpCode>())
            Assert.False(RequestKinds.IsWrite(type) && RequestKinds.IsRead(type), type.ToString());
        Assert.True(RequestKinds.IsWrite(OpCode.Multi));
        Assert.True(RequestKinds.IsRead(OpCode.MultiRead));
        Assert.False(RequestKinds.IsRead(OpCode.Ping) || RequestKinds.IsWrite(OpCode.Ping));
        Assert.False(RequestKinds.IsRead(OpCode.Auth) || RequestKinds.IsWrite(OpCode.Auth));
    }
}
