using AkkaZk.Data;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class DeleteSetTests
{
    private readonly ZkHarness _zk = new();

    [Fact]
    public void Delete_removes_the_node_and_bumps_parent_pzxid_and_visible_cversion()
    {
        _zk.Create("/p");
        _zk.Create("/p/c");
        var result = _zk.Delete("/p/c");
        Assert.Equal(ErrorCode.Ok, result.Err);
        Assert.Same(EmptyResponse.Instance, result.Response);
        var parent = _zk.StatOf("/p");
        Assert.Equal(result.Zxid, parent.Pzxid);
        Assert.Equal(2, parent.Cversion);
        Assert.Equal(0, parent.NumChildren);
        Assert.Equal(ErrorCode.NoNode, _zk.Read(OpCode.Exists, new ExistsRequest("/p/c", false)).Err);
    }

    [Fact]
    public void Delete_errors_follow_ZooKeeper()
    {
        _zk.Create("/p");
        _zk.Create("/p/c");
        Assert.Equal(ErrorCode.NotEmpty, _zk.Delete("/p").Err);
        Assert.Equal(ErrorCode.BadVersion, _zk.Delete("/p/c", 3).Err);
        Assert.Equal(ErrorCode.NoNode, _zk.Delete("/p/zz").Err);
        Assert.Equal(ErrorCode.NoNode, _zk.Delete("/q/zz").Err);
        Assert.Equal(ErrorCode.BadArguments, _zk.Delete("nope").Err);
        Assert.Equal(ErrorCode.Ok, _zk.Delete("/p/c", 0).Err);
    }

    [Fact]
    public void Delete_needs_delete_permission_on_the_parent_not_the_node()
    {
        _zk.Create("/p", acl: [new Acl(Perms.All & ~Perms.Delete, Id.Anyone)]);
        _zk.Create("/p/c", acl: Acl.ReadAclUnsafe);
        Assert.Equal(ErrorCode.NoAuth, _zk.Delete("/p/c").Err);
        _zk.Create("/q");
        _zk.Create("/q/c", acl: Acl.ReadAclUnsafe);
        Assert.Equal(ErrorCode.Ok, _zk.Delete("/q/c").Err);
    }

    [Fact]
    public void SetData_bumps_version_and_mzxid_and_replies_with_the_stat()
    {
        _zk.Create("/a", [1]);
        _zk.Time += 5;
        var result = _zk.SetData("/a", [1, 2], 0);
        var stat = Assert.IsType<StatResponse>(result.Response).Stat;
        Assert.Equal(1, stat.Version);
        Assert.Equal(result.Zxid, stat.Mzxid);
        Assert.Equal(_zk.Time, stat.Mtime);
        Assert.Equal(2, stat.DataLength);
        Assert.NotEqual(stat.Mzxid, stat.Czxid);
        Assert.Equal(stat.Czxid, stat.Pzxid);
    }

    [Fact]
    public void SetData_errors_follow_ZooKeeper()
    {
        _zk.Create("/a");
        _zk.Create("/ro", acl: Acl.ReadAclUnsafe);
        Assert.Equal(ErrorCode.BadVersion, _zk.SetData("/a", [], 5).Err);
        Assert.Equal(ErrorCode.NoNode, _zk.SetData("/b", []).Err);
        Assert.Equal(ErrorCode.BadArguments, _zk.SetData("/a/", []).Err);
        Assert.Equal(ErrorCode.NoAuth, _zk.SetData("/ro", []).Err);
    }

    [Fact]
    public void SetAcl_bumps_aversion_checks_it_and_needs_admin()
    {
        _zk.Create("/a");
        var result = _zk.Write(OpCode.SetAcl, new SetAclRequest("/a", Acl.ReadAclUnsafe, 0));
        Assert.Equal(1, Assert.IsType<StatResponse>(result.Response).Stat.Aversion);
        Assert.Equal(ErrorCode.NoAuth, _zk.Write(OpCode.SetAcl, new SetAclRequest("/a", Acl.OpenAclUnsafe, 1)).Err);
        _zk.Create("/b");
        Assert.Equal(ErrorCode.BadVersion, _zk.Write(OpCode.SetAcl, new SetAclRequest("/b", Acl.ReadAclUnsafe, 3)).Err);
        Assert.Equal(ErrorCode.InvalidAcl, _zk.Write(OpCode.SetAcl, new SetAclRequest("/b", [], -1)).Err);
        Assert.Equal(ErrorCode.NoNode, _zk.Write(OpCode.SetAcl, new SetAclRequest("/c", Acl.ReadAclUnsafe, -1)).Err);
    }

    [Fact]
    public void Acl_lists_are_shared_and_released_by_reference_count()
    {
        var acl = new[] { new Acl(Perms.Read | Perms.Write, Id.Anyone) };
        _zk.Create("/a", acl: acl);
        _zk.Create("/b", acl: acl);
        var cache = _zk.Db.Tree.Acls;
        var before = cache.Count;
        Assert.Equal(_zk.Db.Tree.GetNode("/a")!.AclRef, _zk.Db.Tree.GetNode("/b")!.AclRef);
        _zk.Delete("/a");
        Assert.Equal(before, cache.Count);
        _zk.Delete("/b");
        Assert.Equal(before - 1, cache.Count);
    }
}
