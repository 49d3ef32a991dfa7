using AkkaZk.Data;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class WatchTests
{
    private const long A = 11;
    private const long B = 22;
    private readonly ZkHarness _zk = new();

    private static WatchNotification N(long watcher, EventType type, string path) =>
        new(watcher, new WatcherEvent(type, KeeperState.SyncConnected, path));

    private void AddWatch(string path, AddWatchMode mode, long watcher) =>
        Assert.Equal(ErrorCode.Ok, _zk.Read(OpCode.AddWatch, new AddWatchRequest(path, mode), watcher).Err);

    [Fact]
    public void Exists_on_a_missing_node_sets_a_watch_that_fires_NodeCreated_once()
    {
        var read = _zk.Read(OpCode.Exists, new ExistsRequest("/a", true), A);
        Assert.Equal(ErrorCode.NoNode, read.Err);
        Assert.Equal([N(A, EventType.NodeCreated, "/a")], _zk.Create("/a").Notifications);
        Assert.Empty(_zk.SetData("/a", [1]).Notifications);
    }

    [Fact]
    public void GetData_on_a_missing_node_sets_no_watch()
    {
        Assert.Equal(ErrorCode.NoNode, _zk.Read(OpCode.GetData, new GetDataRequest("/a", true), A).Err);
        Assert.Empty(_zk.Create("/a").Notifications);
    }

    [Fact]
    public void Data_watch_fires_NodeDataChanged_once()
    {
        _zk.Create("/a");
        _zk.Read(OpCode.GetData, new GetDataRequest("/a", true), A);
        _zk.Read(OpCode.Exists, new ExistsRequest("/a", true), B);
        Assert.Equal([N(A, EventType.NodeDataChanged, "/a"), N(B, EventType.NodeDataChanged, "/a")], _zk.SetData("/a", [1]).Notifications);
        Assert.Empty(_zk.SetData("/a", [2]).Notifications);
    }

    [Fact]
    public void Create_fires_NodeChildrenChanged_on_the_parent_after_NodeCreated()
    {
        _zk.Create("/p");
        _zk.Read(OpCode.GetChildren, new GetChildrenRequest("/p", true), A);
        _zk.Read(OpCode.Exists, new ExistsRequest("/p/c", true), B);
        Assert.Equal([N(B, EventType.NodeCreated, "/p/c"), N(A, EventType.NodeChildrenChanged, "/p")], _zk.Create("/p/c").Notifications);
    }

    [Fact]
    public void Root_child_create_reports_the_parent_as_slash()
    {
        _zk.Read(OpCode.GetChildren2, new GetChildrenRequest("/", true), A);
        Assert.Equal([N(A, EventType.NodeChildrenChanged, "/")], _zk.Create("/x").Notifications);
    }

    [Fact]
    public void Delete_sends_one_NodeDeleted_per_watcher_even_with_data_and_child_watches()
    {
        _zk.Create("/p");
        _zk.Create("/p/d");
        _zk.Read(OpCode.GetData, new GetDataRequest("/p/d", true), A);
        _zk.Read(OpCode.GetChildren, new GetChildrenRequest("/p/d", true), A);
        _zk.Read(OpCode.GetChildren, new GetChildrenRequest("/p/d", true), B);
        _zk.Read(OpCode.GetChildren, new GetChildrenRequest("/p", true), A);
        Assert.Equal(
            [N(A, EventType.NodeDeleted, "/p/d"), N(B, EventType.NodeDeleted, "/p/d"), N(A, EventType.NodeChildrenChanged, "/p")],
            _zk.Delete("/p/d").Notifications);
        Assert.Equal(0, _zk.Db.Watches.Count);
    }

    [Fact]
    public void Persistent_watch_stays_and_sees_data_and_child_changes_of_its_node_only()
    {
        // Checked against ZooKeeper 3.8.0: NodeChildrenChanged, NodeDataChanged, NodeChildrenChanged.
        _zk.Create("/q");
        AddWatch("/q", AddWatchMode.Persistent, A);
        Assert.Equal([N(A, EventType.NodeChildrenChanged, "/q")], _zk.Create("/q/c").Notifications);
        Assert.Equal([N(A, EventType.NodeDataChanged, "/q")], _zk.SetData("/q", [1]).Notifications);
        Assert.Empty(_zk.SetData("/q/c", [1]).Notifications);
        Assert.Equal([N(A, EventType.NodeChildrenChanged, "/q")], _zk.Delete("/q/c").Notifications);
        Assert.Equal([N(A, EventType.NodeDeleted, "/q")], _zk.Delete("/q").Notifications);
        Assert.Equal([N(A, EventType.NodeCreated, "/q")], _zk.Create("/q").Notifications);
    }

    [Fact]
    public void Recursive_watch_sees_every_descendant_but_never_NodeChildrenChanged()
    {
        // Checked against ZooKeeper 3.8.0.
        _zk.Create("/r");
        AddWatch("/r", AddWatchMode.PersistentRecursive, A);
        Assert.Equal([N(A, EventType.NodeCreated, "/r/x")], _zk.Create("/r/x").Notifications);
        Assert.Equal([N(A, EventType.NodeCreated, "/r/x/y")], _zk.Create("/r/x/y").Notifications);
        Assert.Equal([N(A, EventType.NodeDataChanged, "/r/x/y")], _zk.SetData("/r/x/y", [1]).Notifications);
        Assert.Equal([N(A, EventType.NodeDeleted, "/r/x/y")], _zk.Delete("/r/x/y").Notifications);
        Assert.Empty(_zk.Create("/rr").Notifications);
    }

    [Fact]
    public void Recursive_and_standard_watches_of_one_watcher_give_one_event()
    {
        _zk.Create("/r");
        _zk.Create("/r/x");
        AddWatch("/", AddWatchMode.PersistentRecursive, A);
        _zk.Read(OpCode.GetData, new GetDataRequest("/r/x", true), A);
        Assert.Equal([N(A, EventType.NodeDataChanged, "/r/x")], _zk.SetData("/r/x", [1]).Notifications);
    }

    [Fact]
    public void A_standard_watch_replaces_a_persistent_one_on_the_same_path_as_in_3_8()
    {
        // Checked against ZooKeeper 3.8.0: after addWatch(PERSISTENT) + getData(watch) only the first set notifies.
        _zk.Create("/w");
        AddWatch("/w", AddWatchMode.Persistent, A);
        _zk.Read(OpCode.GetData, new GetDataRequest("/w", true), A);
        Assert.Single(_zk.SetData("/w", [1]).Notifications);
        Assert.Empty(_zk.SetData("/w", [2]).Notifications);
    }

    [Fact]
    public void Notifications_need_READ_on_the_node_for_the_watching_connection()
    {
        // Checked against ZooKeeper 3.8.0: an exists watch on a node the watcher cannot read stays silent.
        var user = new Id("digest", "u:h");
        _zk.Create("/s", acl: [new Acl(Perms.All, user)]);
        _zk.Read(OpCode.Exists, new ExistsRequest("/s", true), A);
        _zk.Read(OpCode.Exists, new ExistsRequest("/s", true), B, ZkHarness.Ctx(ZkHarness.Other, user));
        Assert.Equal([N(B, EventType.NodeDataChanged, "/s")], _zk.SetData("/s", [1], ctx: ZkHarness.Ctx(ZkHarness.Session, user)).Notifications);
        Assert.Equal(0, _zk.Db.Watches.Count);
    }

    [Fact]
    public void SetWatches_fires_missed_events_and_reregisters_the_rest()
    {
        _zk.Create("/same");
        _zk.Create("/changed");
        _zk.Create("/kids");
        var relative = _zk.Zxid;
        _zk.SetData("/changed", [1]);
        _zk.Create("/kids/k");
        _zk.Create("/born");
        var read = _zk.Read(OpCode.SetWatches2, new SetWatchesRequest(relative,
            DataWatches: ["/same", "/changed", "/gone"],
            ExistWatches: ["/born", "/unborn"],
            ChildWatches: ["/same", "/kids", "/gone2"],
            PersistentWatches: ["/p"],
            PersistentRecursiveWatches: ["/r"]), A);
        Assert.Equal(ErrorCode.Ok, read.Err);
        Assert.Equal(
            [
                N(A, EventType.NodeDataChanged, "/changed"),
                N(A, EventType.NodeDeleted, "/gone"),
                N(A, EventType.NodeCreated, "/born"),
                N(A, EventType.NodeChildrenChanged, "/kids"),
                N(A, EventType.NodeDeleted, "/gone2"),
            ],
            read.Notifications);
        Assert.True(_zk.Db.Watches.DataWatches.Contains("/same", A));
        Assert.True(_zk.Db.Watches.DataWatches.Contains("/unborn", A));
        Assert.True(_zk.Db.Watches.ChildWatches.Contains("/same", A));
        Assert.True(_zk.Db.Watches.ChildWatches.Contains("/p", A));
        Assert.True(_zk.Db.Watches.DataWatches.Contains("/r", A));
        Assert.False(_zk.Db.Watches.DataWatches.Contains("/changed", A));
    }

    [Fact]
    public void CheckWatches_and_RemoveWatches_answer_NoWatcher_when_nothing_matches()
    {
        _zk.Create("/a");
        _zk.Read(OpCode.GetData, new GetDataRequest("/a", true), A);
        Assert.Equal(ErrorCode.Ok, _zk.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", WatcherType.Data), A).Err);
        Assert.Equal(ErrorCode.Ok, _zk.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", WatcherType.Any), A).Err);
        Assert.Equal(ErrorCode.NoWatcher, _zk.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", WatcherType.Children), A).Err);
        Assert.Equal(ErrorCode.NoWatcher, _zk.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", WatcherType.Data), B).Err);
        Assert.Equal(ErrorCode.NoWatcher, _zk.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", WatcherType.Children), A).Err);
        Assert.Equal(ErrorCode.Ok, _zk.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", WatcherType.Any), A).Err);
        Assert.Equal(ErrorCode.NoWatcher, _zk.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", WatcherType.Data), A).Err);
        Assert.Empty(_zk.SetData("/a", [1]).Notifications);
    }

    [Fact]
    public void A_3_8_server_does_not_know_the_persistent_watcher_types_for_check_and_remove()
    {
        AddWatch("/a", AddWatchMode.Persistent, A);
        // Measured on ZooKeeper 3.8.0: WatcherType.fromInt refuses 4 and 5, which the client sees as MarshallingError.
        Assert.Equal(ErrorCode.MarshallingError, _zk.Read(OpCode.CheckWatches, new CheckWatchesRequest("/a", WatcherType.Persistent), A).Err);
        Assert.Equal(ErrorCode.MarshallingError, _zk.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", WatcherType.PersistentRecursive), A).Err);
        Assert.Equal(ErrorCode.Ok, _zk.Read(OpCode.RemoveWatches, new RemoveWatchesRequest("/a", WatcherType.Any), A).Err);
        Assert.Equal(0, _zk.Db.Watches.Count);
    }

    [Fact]
    public void AddWatch_with_an_unknown_mode_is_a_marshalling_error()
    {
        Assert.Equal(ErrorCode.MarshallingError, _zk.Read(OpCode.AddWatch, new AddWatchRequest("/", (AddWatchMode)7), A).Err);
        Assert.Equal(0, _zk.Db.Watches.Count);
    }

    [Fact]
    public void Closing_a_connection_drops_all_its_watches()
    {
        _zk.Create("/a");
        _zk.Read(OpCode.GetData, new GetDataRequest("/a", true), A);
        _zk.Read(OpCode.GetChildren, new GetChildrenRequest("/a", true), A);
        AddWatch("/", AddWatchMode.PersistentRecursive, A);
        _zk.Read(OpCode.GetData, new GetDataRequest("/a", true), B);
        Assert.Equal(4, _zk.Db.Watches.Count);
        _zk.Db.RemoveWatcher(A);
        Assert.Equal(1, _zk.Db.Watches.Count);
        Assert.Equal([N(B, EventType.NodeDataChanged, "/a")], _zk.SetData("/a", [1]).Notifications);
    }

    [Fact]
    public void Watch_counts_are_exposed_by_path_and_by_watcher()
    {
        _zk.Create("/a");
        _zk.Read(OpCode.GetData, new GetDataRequest("/a", true), A);
        _zk.Read(OpCode.Exists, new ExistsRequest("/b", true), A);
        _zk.Read(OpCode.GetData, new GetDataRequest("/a", true), B);
        Assert.Equal(["/a", "/b"], _zk.Db.Watches.ByWatcher[A].Order());
        Assert.Equal([A, B], _zk.Db.Watches.ByPath["/a"].Order());
        Assert.Equal(3, _zk.Db.Watches.Count);
    }
}
