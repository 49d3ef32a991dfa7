using AkkaZk.Data;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

/// <summary>The nodes a fresh ZooKeeper 3.8 server shows (checked with kazoo against 3.8.0).</summary>
public sealed class InitialTreeTests
{
    private readonly ZkHarness _zk = new();

    [Fact]
    public void Root_has_the_zookeeper_child_and_shows_cversion_minus_one()
    {
        var stat = _zk.StatOf("/");
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0), stat);
        var children = (GetChildrenResponse)_zk.Read(OpCode.GetChildren, new GetChildrenRequest("/", false)).Response!;
        Assert.Equal(["zookeeper"], children.Children);
    }

    [Fact]
    public void Zookeeper_node_holds_quota_and_config_and_shows_cversion_minus_two()
    {
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -2, 0, 0, 0, 2, 0), _zk.StatOf("/zookeeper"));
        var children = (GetChildrenResponse)_zk.Read(OpCode.GetChildren, new GetChildrenRequest("/zookeeper", false)).Response!;
        Assert.Equal(["config", "quota"], children.Children.Order());
        Assert.Equal(new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), _zk.StatOf("/zookeeper/quota"));
    }

    [Fact]
    public void Config_node_is_read_only_for_everyone_with_aversion_minus_one()
    {
        var acl = (GetAclResponse)_zk.Read(OpCode.GetAcl, new GetAclRequest("/zookeeper/config")).Response!;
        Assert.Equal(Acl.ReadAclUnsafe, acl.Acl);
        Assert.Equal(new Stat(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0), acl.Stat);
        var data = (GetDataResponse)_zk.Read(OpCode.GetData, new GetDataRequest("/zookeeper/config", false)).Response!;
        Assert.Empty(data.Data);
        Assert.Equal(ErrorCode.NoAuth, _zk.SetData("/zookeeper/config", [1]).Err);
    }

    [Fact]
    public void Node_count_includes_the_root_alias_as_zk_znode_count_does()
    {
        Assert.Equal(5, _zk.Db.Tree.NodeCount);
        Assert.Equal(44, _zk.Db.Tree.ApproximateDataSize);
        var all = (GetAllChildrenNumberResponse)_zk.Read(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/")).Response!;
        Assert.Equal(3, all.TotalNumber);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/zookeeper")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/zookeeper/config")]
    public void Special_nodes_cannot_be_deleted(string path)
    {
        Assert.Equal(ErrorCode.BadArguments, _zk.Delete(path).Err);
    }
}
