using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class SessionTests
{
    [Fact]
    public void CreateSession_registers_the_session_with_its_timeout()
    {
        var zk = new ZkHarness(openSessions: false);
        var txn = zk.Db.PrepareCreateSession(0x42, 0, 12000, zk.NextZxid(), zk.Time);
        Assert.Equal(new CreateSessionTxn(12000), txn.Body);
        Assert.Equal(OpCode.CreateSession, txn.Header.Type);
        Assert.Equal(0x42, txn.Header.ClientId);
        var result = zk.Db.Apply(txn);
        Assert.Equal(ErrorCode.Ok, result.Err);
        Assert.Equal(12000, zk.Db.Sessions[0x42]);
    }

    [Fact]
    public void Writes_are_accepted_once_the_session_is_prepared_even_before_it_is_applied()
    {
        var zk = new ZkHarness(openSessions: false);
        var create = zk.Db.PrepareCreateSession(0x42, 0, 12000, zk.NextZxid(), zk.Time);
        var write = zk.Prepare(OpCode.Create, new CreateRequest("/a", [], Acl.OpenAclUnsafe, CreateMode.Ephemeral), ZkHarness.Ctx(0x42));
        Assert.IsType<CreateTxn>(write.Body);
        zk.Db.Apply(create);
        zk.Db.Apply(write);
        Assert.Equal(0x42, zk.StatOf("/a").EphemeralOwner);
    }

    [Fact]
    public void CloseSession_deletes_the_sessions_ephemerals_fires_their_watches_and_unregisters_it()
    {
        var zk = new ZkHarness();
        zk.Create("/p");
        zk.Create("/p/e1", mode: CreateMode.Ephemeral);
        zk.Create("/p/e2", mode: CreateMode.EphemeralSequential);
        zk.Create("/mine", mode: CreateMode.Ephemeral, ctx: ZkHarness.Ctx(ZkHarness.Other));
        zk.Read(OpCode.GetChildren, new GetChildrenRequest("/p", true), 5);
        zk.Read(OpCode.Exists, new ExistsRequest("/p/e1", true), 6);
        var close = zk.Db.PrepareCloseSession(ZkHarness.Session, 3, zk.NextZxid(), zk.Time);
        Assert.Equal(["/p/e1", "/p/e20000000001"], ((CloseSessionTxn)close.Body!).Paths2Delete.Order());
        var result = zk.Db.Apply(close);
        Assert.Equal(ErrorCode.Ok, result.Err);
        // java.util.HashSet iterates /p/e20000000001 before /p/e1 (checked with OpenJDK 17), so ZooKeeper deletes it
        // first: the child watch on /p fires with that delete, before /p/e1's exists watch.
        Assert.Equal(
            [
                new WatchNotification(5, new WatcherEvent(EventType.NodeChildrenChanged, KeeperState.SyncConnected, "/p")),
                new WatchNotification(6, new WatcherEvent(EventType.NodeDeleted, KeeperState.SyncConnected, "/p/e1")),
            ],
            result.Notifications);
        Assert.Equal(0, zk.StatOf("/p").NumChildren);
        Assert.Equal(close.Header.Zxid, zk.StatOf("/p").Pzxid);
        Assert.False(zk.Db.Sessions.ContainsKey(ZkHarness.Session));
        Assert.Empty(zk.Db.GetEphemerals(ZkHarness.Session));
        Assert.Equal(["/mine"], zk.Db.GetEphemerals(ZkHarness.Other));
    }

    [Fact]
    public void CloseSession_lists_ephemerals_still_outstanding_and_skips_outstanding_deletes()
    {
        var zk = new ZkHarness();
        zk.Create("/old", mode: CreateMode.Ephemeral);
        zk.Create("/going", mode: CreateMode.Ephemeral);
        var pendingCreate = zk.Prepare(OpCode.Create, new CreateRequest("/new", [], Acl.OpenAclUnsafe, CreateMode.Ephemeral));
        var pendingDelete = zk.Prepare(OpCode.Delete, new DeleteRequest("/going", -1));
        var close = zk.Db.PrepareCloseSession(ZkHarness.Session, 3, zk.NextZxid(), zk.Time);
        Assert.Equal(["/new", "/old"], ((CloseSessionTxn)close.Body!).Paths2Delete.Order());
        zk.Db.Apply(pendingCreate);
        zk.Db.Apply(pendingDelete);
        zk.Db.Apply(close);
        Assert.Equal(["zookeeper"], zk.Db.Tree.Root.Children);
    }

    [Fact]
    public void A_closing_session_can_no_longer_write()
    {
        var zk = new ZkHarness();
        zk.Db.PrepareCloseSession(ZkHarness.Session, 3, zk.NextZxid(), zk.Time);
        Assert.Equal(ErrorCode.SessionExpired, ((ErrorTxn)zk.Prepare(OpCode.Create, new CreateRequest("/a", [], Acl.OpenAclUnsafe, CreateMode.Persistent)).Body!).Err);
    }

    [Fact]
    public void CloseSession_replies_header_only()
    {
        var zk = new ZkHarness();
        Assert.Same(EmptyResponse.Instance, zk.CloseSession(ZkHarness.Session).Response);
    }
}
