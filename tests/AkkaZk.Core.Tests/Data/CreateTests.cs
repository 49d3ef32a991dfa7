using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class CreateTests
{
    private readonly ZkHarness _zk = new();

    [Fact]
    public void Create_replies_with_the_path_and_stamps_zxid_and_time()
    {
        var result = _zk.Create("/a", [1, 2, 3]);
        Assert.Equal(ErrorCode.Ok, result.Err);
        Assert.Equal(new CreateResponse("/a"), result.Response);
        var stat = _zk.StatOf("/a");
        Assert.Equal(new Stat(result.Zxid, result.Zxid, _zk.Time, _zk.Time, 0, 0, 0, 0, 3, 0, result.Zxid), stat);
        Assert.Equal(result.Zxid, _zk.Db.LastProcessedZxid);
    }

    [Fact]
    public void Create2_replies_with_path_and_stat()
    {
        var result = _zk.Create("/a", [9], type: OpCode.Create2);
        var response = Assert.IsType<Create2Response>(result.Response);
        Assert.Equal("/a", response.Path);
        Assert.Equal(_zk.StatOf("/a"), response.Stat);
    }

    [Fact]
    public void Child_create_bumps_parent_cversion_and_pzxid_but_not_its_mzxid()
    {
        _zk.Create("/p");
        var before = _zk.StatOf("/p");
        var child = _zk.Create("/p/c");
        var after = _zk.StatOf("/p");
        Assert.Equal(1, after.Cversion);
        Assert.Equal(1, after.NumChildren);
        Assert.Equal(child.Zxid, after.Pzxid);
        Assert.Equal(before.Mzxid, after.Mzxid);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public void Sequential_names_use_the_count_of_creates_so_far_and_clients_see_creates_plus_deletes()
    {
        // Checked against ZooKeeper 3.8.0: three creates, one delete → visible cversion 4, next suffix 3.
        _zk.Create("/p");
        Assert.Equal(new CreateResponse("/p/s-0000000000"), _zk.Create("/p/s-", mode: CreateMode.PersistentSequential).Response);
        Assert.Equal(new CreateResponse("/p/s-0000000001"), _zk.Create("/p/s-", mode: CreateMode.PersistentSequential).Response);
        Assert.Equal(new CreateResponse("/p/s-0000000002"), _zk.Create("/p/s-", mode: CreateMode.PersistentSequential).Response);
        _zk.Delete("/p/s-0000000001");
        Assert.Equal(4, _zk.StatOf("/p").Cversion);
        Assert.Equal(new CreateResponse("/p/s-0000000003"), _zk.Create("/p/s-", mode: CreateMode.PersistentSequential).Response);
    }

    [Fact]
    public void Sequential_path_may_end_in_a_slash()
    {
        _zk.Create("/p");
        Assert.Equal(new CreateResponse("/p/0000000000"), _zk.Create("/p/", mode: CreateMode.PersistentSequential).Response);
        Assert.Equal(ErrorCode.BadArguments, _zk.Create("/p/").Err);
    }

    [Theory]
    [InlineData(0, "0000000000")]
    [InlineData(42, "0000000042")]
    [InlineData(-1, "-000000001")]
    [InlineData(int.MinValue, "-2147483648")]
    [InlineData(int.MaxValue, "2147483647")]
    public void Sequence_suffix_is_java_percent_010d(int cversion, string expected)
    {
        Assert.Equal(expected, AkkaZk.Data.Prep.CreateModes.SequenceSuffix(cversion));
    }

    [Fact]
    public void Ephemeral_node_is_owned_by_the_session_and_refuses_children()
    {
        _zk.Create("/e", mode: CreateMode.Ephemeral);
        Assert.Equal(ZkHarness.Session, _zk.StatOf("/e").EphemeralOwner);
        Assert.Equal(ErrorCode.NoChildrenForEphemerals, _zk.Create("/e/c").Err);
        Assert.Equal(["/e"], _zk.Db.GetEphemerals(ZkHarness.Session));
    }

    [Fact]
    public void Create_errors_follow_ZooKeeper()
    {
        _zk.Create("/a");
        Assert.Equal(ErrorCode.NodeExists, _zk.Create("/a").Err);
        Assert.Equal(ErrorCode.NoNode, _zk.Create("/missing/child").Err);
        Assert.Equal(ErrorCode.BadArguments, _zk.Create("a").Err);
        Assert.Equal(ErrorCode.BadArguments, _zk.Create("/a/.").Err);
        // The parent "/a/" is looked up before the path is validated.
        Assert.Equal(ErrorCode.NoNode, _zk.Create("/a//b").Err);
        Assert.Equal(ErrorCode.BadArguments, _zk.Create("/a/\u0000").Err);
        Assert.Equal(ErrorCode.BadArguments, _zk.Create("/x", mode: (CreateMode)7).Err);
        Assert.Equal(ErrorCode.InvalidAcl, _zk.Create("/x", acl: []).Err);
    }

    [Fact]
    public void Missing_parent_is_reported_before_a_bad_trailing_slash()
    {
        // validatePathForCreate only checks the last slash; the full path is validated after the parent lookup.
        Assert.Equal(ErrorCode.NoNode, _zk.Create("/nope/x/").Err);
    }

    [Fact]
    public void Failed_create_still_consumes_a_zxid_as_an_error_txn()
    {
        _zk.Create("/a");
        var txn = _zk.Prepare(OpCode.Create, new CreateRequest("/a", [], Acl.OpenAclUnsafe, CreateMode.Persistent));
        Assert.Equal(OpCode.Error, txn.Header.Type);
        Assert.Equal(new ErrorTxn(ErrorCode.NodeExists), txn.Body);
        var result = _zk.Db.Apply(txn);
        Assert.Equal(ErrorCode.NodeExists, result.Err);
        Assert.Null(result.Response);
        Assert.Equal(txn.Header.Zxid, _zk.Db.LastProcessedZxid);
    }

    [Fact]
    public void Create_needs_create_permission_on_the_parent()
    {
        _zk.Create("/ro", acl: Acl.ReadAclUnsafe);
        Assert.Equal(ErrorCode.NoAuth, _zk.Create("/ro/c").Err);
    }

    [Fact]
    public void Null_data_stays_null()
    {
        // The request decoder marks a -1 length with JuteBuffers.Null; the txn and the tree hold a real null.
        var txn = _zk.Prepare(OpCode.Create, new CreateRequest("/n", AkkaZk.Jute.JuteBuffers.Null, Acl.OpenAclUnsafe, CreateMode.Persistent));
        Assert.Null(((CreateTxn)txn.Body!).Data);
        _zk.Db.Apply(txn);
        Assert.Null(_zk.Db.Tree.GetNode("/n")!.Data);
        var data = (GetDataResponse)_zk.Read(OpCode.GetData, new GetDataRequest("/n", false)).Response!;
        Assert.True(AkkaZk.Jute.JuteBuffers.IsNull(data.Data));
        Assert.Equal(0, data.Stat.DataLength);
        _zk.Create("/empty", []);
        Assert.False(AkkaZk.Jute.JuteBuffers.IsNull(((GetDataResponse)_zk.Read(OpCode.GetData, new GetDataRequest("/empty", false)).Response!).Data));
    }

    [Fact]
    public void Container_create_uses_a_create2_reply_and_shows_owner_zero()
    {
        var result = _zk.Create("/c", mode: CreateMode.Container, type: OpCode.CreateContainer);
        var response = Assert.IsType<Create2Response>(result.Response);
        Assert.Equal(0, response.Stat.EphemeralOwner);
        Assert.Equal(EphemeralOwner.Container, _zk.Db.Tree.GetNode("/c")!.Stat.EphemeralOwner);
        Assert.Contains("/c", _zk.Db.Tree.Containers);
    }

    [Fact]
    public void Ttl_nodes_need_extended_types()
    {
        Assert.Equal(ErrorCode.Unimplemented, _zk.Create("/t", mode: CreateMode.PersistentWithTtl, type: OpCode.CreateTtl, ttl: 1000).Err);
    }

    [Fact]
    public void Ttl_must_be_positive_and_at_most_the_40_bit_maximum()
    {
        var zk = new ZkHarness(new DatabaseOptions(ExtendedTypesEnabled: true));
        Assert.Equal(ErrorCode.BadArguments, zk.Create("/t", mode: CreateMode.PersistentWithTtl, type: OpCode.CreateTtl, ttl: 0).Err);
        Assert.Equal(ErrorCode.BadArguments, zk.Create("/t", mode: CreateMode.PersistentWithTtl, type: OpCode.CreateTtl, ttl: EphemeralOwner.MaxTtl + 1).Err);
        Assert.Equal(ErrorCode.BadArguments, zk.Create("/t", mode: CreateMode.Persistent, type: OpCode.CreateTtl, ttl: 10).Err);
        var ok = zk.Create("/t", mode: CreateMode.PersistentSequentialWithTtl, type: OpCode.CreateTtl, ttl: 5000);
        var response = Assert.IsType<Create2Response>(ok.Response);
        Assert.Equal("/t0000000000", response.Path);
        Assert.Equal(0, response.Stat.EphemeralOwner);
        Assert.Contains("/t0000000000", zk.Db.Tree.Ttls);
    }

    [Fact]
    public void Unknown_session_gets_session_expired()
    {
        Assert.Equal(ErrorCode.SessionExpired, _zk.Create("/a", ctx: ZkHarness.Ctx(0x999)).Err);
    }

    [Fact]
    public void Children_of_the_root_get_parent_updates_on_the_root()
    {
        var result = _zk.Create("/a");
        var root = _zk.StatOf("/");
        Assert.Equal(result.Zxid, root.Pzxid);
        Assert.Equal(2, root.NumChildren);
        Assert.Equal(0, root.Cversion); // stored 1, two children: 1*2-2
    }
}
