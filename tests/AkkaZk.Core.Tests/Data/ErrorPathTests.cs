using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Data;

/// <summary>Error codes measured against ZooKeeper 3.8.0 (the process tests' error-code table) that prep and reads reproduce.</summary>
public sealed class ErrorPathTests
{
    private static readonly ReconfigRequest Reconfig = new(null, "2", null, -1);

    [Fact]
    public void Reconfig_is_refused_as_disabled_without_reconfigEnabled()
    {
        var zk = new ZkHarness();
        Assert.Equal(ErrorCode.ReconfigDisabled, zk.Write(OpCode.Reconfig, Reconfig).Err);
    }

    [Fact]
    public void Reconfig_with_reconfigEnabled_is_unimplemented_as_on_a_standalone_server()
    {
        var zk = new ZkHarness(new DatabaseOptions(ReconfigEnabled: true));
        Assert.Equal(ErrorCode.Unimplemented, zk.Write(OpCode.Reconfig, Reconfig).Err);
    }

    [Fact]
    public void Reconfig_disabled_is_checked_before_the_session()
    {
        var zk = new ZkHarness();
        var unknown = ZkHarness.Ctx(0x999);
        Assert.Equal(ErrorCode.ReconfigDisabled, zk.Write(OpCode.Reconfig, Reconfig, unknown).Err);
        var enabled = new ZkHarness(new DatabaseOptions(ReconfigEnabled: true));
        Assert.Equal(ErrorCode.SessionExpired, enabled.Write(OpCode.Reconfig, Reconfig, unknown).Err);
    }

    [Fact]
    public void A_multi_create_op_with_a_ttl_mode_fails_the_whole_multi()
    {
        var zk = new ZkHarness(new DatabaseOptions(ExtendedTypesEnabled: true));
        var txn = zk.Prepare(OpCode.Multi, new MultiRequest(
        [
            new MultiOp(OpCode.Create, new CreateRequest("/a", [], Acl.OpenAclUnsafe, CreateMode.Persistent)),
            new MultiOp(OpCode.Create, new CreateRequest("/t", [], Acl.OpenAclUnsafe, CreateMode.PersistentWithTtl)),
        ]));
        Assert.Equal(OpCode.Error, txn.Header.Type);
        Assert.Equal(ErrorCode.MarshallingError, Assert.IsType<ErrorTxn>(txn.Body).Err);
        zk.Db.Apply(txn);
        Assert.Equal(ErrorCode.Ok, zk.Create("/a").Err);
    }

    [Fact]
    public void A_multi_with_an_op_it_may_not_hold_fails_whole_even_after_a_failed_op()
    {
        var zk = new ZkHarness();
        var txn = zk.Prepare(OpCode.Multi, new MultiRequest(
        [
            new MultiOp(OpCode.Delete, new DeleteRequest("/missing", -1)),
            new MultiOp(OpCode.SetAcl, UnreadMultiOp.Instance),
        ]));
        Assert.Equal(ErrorCode.MarshallingError, Assert.IsType<ErrorTxn>(txn.Body).Err);
    }

    [Fact]
    public void An_undecodable_write_is_an_error_txn_and_an_undecodable_read_a_marshalling_error()
    {
        var zk = new ZkHarness();
        var body = RequestCodec.ReadServerBody(OpCode.Create, [0, 0, 0, 9, (byte)'/']);
        var txn = zk.Prepare(OpCode.Create, Assert.IsType<UndecodableRequest>(body));
        Assert.Equal(ErrorCode.MarshallingError, Assert.IsType<ErrorTxn>(txn.Body).Err);
        Assert.Equal(zk.Zxid, txn.Header.Zxid);

        var read = RequestCodec.ReadServerBody(OpCode.GetData, [0, 0, 3, 232]);
        Assert.Equal(ErrorCode.MarshallingError, zk.Read(OpCode.GetData, Assert.IsType<UndecodableRequest>(read)).Err);
    }

    [Fact]
    public void A_malformed_auth_packet_still_throws()
    {
        Assert.Throws<AkkaZk.Jute.JuteException>(() => RequestCodec.ReadServerBody(OpCode.Auth, [0, 0, 0, 0, 0, 0, 0, 9]));
    }
}
