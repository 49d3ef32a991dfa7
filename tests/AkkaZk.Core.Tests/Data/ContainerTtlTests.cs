using AkkaZk.Data;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class ContainerTtlTests
{
    [Fact]
    public void Empty_containers_become_candidates_only_after_they_had_a_child()
    {
        var zk = new ZkHarness();
        zk.Create("/c", mode: CreateMode.Container, type: OpCode.CreateContainer);
        Assert.Empty(zk.Db.ContainerAndTtlCandidates(zk.Time + 1_000_000));
        zk.Create("/c/x");
        Assert.Empty(zk.Db.ContainerAndTtlCandidates(zk.Time));
        zk.Delete("/c/x");
        Assert.Equal(["/c"], zk.Db.ContainerAndTtlCandidates(zk.Time));
    }

    [Fact]
    public void Never_used_containers_go_after_the_configured_interval()
    {
        var zk = new ZkHarness();
        zk.Create("/c", mode: CreateMode.Container, type: OpCode.CreateContainer);
        Assert.Empty(zk.Db.ContainerAndTtlCandidates(zk.Time + 100, maxNeverUsedIntervalMs: 100));
        Assert.Equal(["/c"], zk.Db.ContainerAndTtlCandidates(zk.Time + 101, maxNeverUsedIntervalMs: 100));
    }

    [Fact]
    public void Ttl_nodes_expire_after_ttl_since_last_modification_while_childless()
    {
        var zk = new ZkHarness(new DatabaseOptions(ExtendedTypesEnabled: true));
        zk.Create("/t", mode: CreateMode.PersistentWithTtl, type: OpCode.CreateTtl, ttl: 1000);
        Assert.Empty(zk.Db.ContainerAndTtlCandidates(zk.Time + 1000));
        Assert.Equal(["/t"], zk.Db.ContainerAndTtlCandidates(zk.Time + 1001));
        zk.Time += 500;
        zk.SetData("/t", [1]);
        Assert.Empty(zk.Db.ContainerAndTtlCandidates(zk.Time + 1000));
        zk.Create("/t/child");
        Assert.Empty(zk.Db.ContainerAndTtlCandidates(zk.Time + 5000));
    }

    [Fact]
    public void DeleteContainer_removes_containers_and_ttls_but_refuses_ephemerals_and_parents()
    {
        var zk = new ZkHarness(new DatabaseOptions(ExtendedTypesEnabled: true));
        zk.Create("/c", mode: CreateMode.Container, type: OpCode.CreateContainer);
        zk.Create("/c/x");
        zk.Create("/e", mode: CreateMode.Ephemeral);
        var system = ZkHarness.Ctx(0);
        Assert.Equal(ErrorCode.NotEmpty, zk.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/c"), system).Err);
        Assert.Equal(ErrorCode.BadVersion, zk.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/e"), system).Err);
        zk.Delete("/c/x");
        var result = zk.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/c"), system);
        Assert.Equal(ErrorCode.Ok, result.Err);
        Assert.Empty(zk.Db.Tree.Containers);
        zk.Create("/t", mode: CreateMode.PersistentWithTtl, type: OpCode.CreateTtl, ttl: 10);
        Assert.Equal(ErrorCode.Ok, zk.Write(OpCode.DeleteContainer, new DeleteContainerRequest("/t"), system).Err);
        Assert.Empty(zk.Db.Tree.Ttls);
    }
}
