using AkkaZk.Data;
using AkkaZk.Data.Auth;
using AkkaZk.Protocol;

namespace AkkaZk.ProcessTests.ErrorCodes;

/// <summary>One situation: a few requests in <see cref="ErrorCodeProbe.Root"/>, the last of which fails.</summary>
internal sealed record ErrorSituation(string Name, Func<ErrorCodeProbe, Task> Run)
{
    public override string ToString() => Name;
}

/// <summary>
/// The table of error situations, one per error path of the request pipeline: prep (create, delete, setData,
/// setACL, check, reconfig, multi), the reads, watches, auth and the session layer. Requests go out through the
/// raw wire client, so checks a client library makes first (paths, flags) are left to the server.
/// </summary>
internal static class ErrorSituations
{
    public const string SuperPassword = "super:secret";
    private static readonly Id Alice = new("digest", DigestAuth.Generate("alice:pw"));
    private static readonly IReadOnlyList<Acl> ReadOnly = [new(Perms.Read, Id.Anyone)];
    private static readonly IReadOnlyList<Acl> AllButCreate = [new(Perms.All & ~Perms.Create, Id.Anyone)];
    private static readonly IReadOnlyList<Acl> AllButDelete = [new(Perms.All & ~Perms.Delete, Id.Anyone)];
    private static readonly IReadOnlyList<Acl> AllButAdmin = [new(Perms.All & ~Perms.Admin, Id.Anyone)];
    private static readonly IReadOnlyList<Acl> WriteOnly = [new(Perms.Write, Id.Anyone)];
    private static readonly IReadOnlyList<Acl> AliceOnly = [new(Perms.All, Alice)];
    private static readonly byte[] OverMaxBuffer = new byte[1024 * 1024 + 10];

    private static MultiOp Create(string path, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null) =>
        new(OpCode.Create, new CreateRequest(path, [1], acl ?? Acl.OpenAclUnsafe, mode));

    private static MultiOp Delete(string path, int version = -1) => new(OpCode.Delete, new DeleteRequest(path, version));

    private static MultiOp SetData(string path, int version = -1) => new(OpCode.SetData, new SetDataRequest(path, [3], version));

    private static MultiOp Check(string path, int version) => new(OpCode.Check, new CheckVersionRequest(path, version));

    private static MultiOp GetData(string path) => new(OpCode.GetData, new GetDataRequest(path, false));

    private static MultiOp GetChildren(string path) => new(OpCode.GetChildren, new GetChildrenRequest(path, false));

    private static ErrorSituation S(string name, Func<ErrorCodeProbe, Task> run) => new(name, run);

    /// <summary>Situations for a standalone server with reconfigEnabled=true and the super digest of <see cref="SuperPassword"/>.</summary>
    public static IReadOnlyList<ErrorSituation> Standalone { get; } =
    [
        // create, create2, createContainer, createTTL (PrepRequestProcessor.pRequest2TxnCreate)
        S("create without parent", p => p.CreateAsync(p.Root + "/missing/a")),
        S("create existing", async p => { await p.CreateAsync(p.Root + "/a"); await p.CreateAsync(p.Root + "/a"); }),
        S("create2 without parent", p => p.CreateAsync(p.Root + "/missing/a", type: OpCode.Create2)),
        S("create2 existing", async p => { await p.CreateAsync(p.Root + "/a"); await p.CreateAsync(p.Root + "/a", type: OpCode.Create2); }),
        S("create under an ephemeral", async p => { await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral); await p.CreateAsync(p.Root + "/e/a"); }),
        S("sequential create under an ephemeral", async p =>
        {
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral);
            await p.CreateAsync(p.Root + "/e/a", CreateMode.PersistentSequential);
        }),
        S("ephemeral sequential under an ephemeral", async p =>
        {
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral);
            await p.CreateAsync(p.Root + "/e/a", CreateMode.EphemeralSequential);
        }),
        S("container under an ephemeral", async p =>
        {
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral);
            await p.CreateAsync(p.Root + "/e/c", CreateMode.Container, type: OpCode.CreateContainer);
        }),
        S("create under another session's ephemeral", async p =>
        {
            var other = await p.OpenSessionAsync();
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral, client: other);
            await p.CreateAsync(p.Root + "/e/a");
        }),
        S("create existing under an ephemeral", async p =>
        {
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral);
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral);
        }),
        S("create with flags 7", p => p.CreateAsync(p.Root + "/a", (CreateMode)7)),
        S("create with flags -1", p => p.CreateAsync(p.Root + "/a", (CreateMode)(-1))),
        S("create with a TTL mode, TTLs disabled", p => p.CreateAsync(p.Root + "/a", CreateMode.PersistentWithTtl)),
        S("createTTL, TTLs disabled", p => p.CreateAsync(p.Root + "/a", CreateMode.PersistentWithTtl, type: OpCode.CreateTtl, ttl: 1000)),
        S("createTTL sequential, TTLs disabled", p =>
            p.CreateAsync(p.Root + "/a", CreateMode.PersistentSequentialWithTtl, type: OpCode.CreateTtl, ttl: 1000)),
        S("createTTL of a persistent node with a ttl", p => p.CreateAsync(p.Root + "/a", type: OpCode.CreateTtl, ttl: 1000)),
        // Left out: createTTL of a persistent node with ttl -1 passes ZooKeeper 3.8's prep and then stops the server.
        S("createContainer with the persistent flag", p => p.CreateAsync(p.Root + "/c", type: OpCode.CreateContainer)),
        S("createContainer without parent", p => p.CreateAsync(p.Root + "/missing/c", CreateMode.Container, type: OpCode.CreateContainer)),
        S("create with an empty ACL", p => p.CreateAsync(p.Root + "/a", acl: [])),
        S("create with the auth scheme, unauthenticated", p => p.CreateAsync(p.Root + "/a", acl: Acl.CreatorAllAcl)),
        S("create with the auth scheme, authenticated", async p =>
        {
            await p.AddAuthAsync("digest", "alice:pw");
            await p.CreateAsync(p.Root + "/a", acl: Acl.CreatorAllAcl);
            await p.GetDataAsync(p.Root + "/a");
        }),
        S("create with an unknown ACL scheme", p => p.CreateAsync(p.Root + "/a", acl: [new(Perms.All, new Id("foo", "bar"))])),
        S("create with a digest id without a colon", p => p.CreateAsync(p.Root + "/a", acl: [new(Perms.All, new Id("digest", "alice"))])),
        S("create with a bad ip ACL", p => p.CreateAsync(p.Root + "/a", acl: [new(Perms.All, new Id("ip", "not-an-ip"))])),
        S("create with world:someone", p => p.CreateAsync(p.Root + "/a", acl: [new(Perms.All, new Id("world", "someone"))])),
        S("create with no permissions in the ACL", async p => { await p.CreateAsync(p.Root + "/a", acl: [new(Perms.None, Id.Anyone)]); await p.GetDataAsync(p.Root + "/a"); }),
        S("create without CREATE on the parent", async p => { await p.CreateAsync(p.Root + "/p", acl: AllButCreate); await p.CreateAsync(p.Root + "/p/a"); }),
        S("create under a digest-only parent", async p => { await p.CreateAsync(p.Root + "/p", acl: AliceOnly); await p.CreateAsync(p.Root + "/p/a"); }),
        S("create under a digest-only parent as its owner", async p =>
        {
            await p.CreateAsync(p.Root + "/p", acl: AliceOnly);
            await p.AddAuthAsync("digest", "alice:pw");
            await p.CreateAsync(p.Root + "/p/a");
        }),
        S("create under a digest-only parent as superuser", async p =>
        {
            await p.CreateAsync(p.Root + "/p", acl: AliceOnly);
            await p.AddAuthAsync("digest", SuperPassword);
            await p.CreateAsync(p.Root + "/p/a");
        }),
        S("create, no CREATE on parent and parent an ephemeral", async p =>
        {
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral, acl: AllButCreate);
            await p.CreateAsync(p.Root + "/e/a");
        }),
        S("create existing without CREATE on the parent", async p =>
        {
            await p.CreateAsync(p.Root + "/p");
            await p.CreateAsync(p.Root + "/p/a");
            await p.SetAclAsync(p.Root + "/p", AllButCreate);
            await p.CreateAsync(p.Root + "/p/a");
        }),
        S("create with an empty ACL and no parent", p => p.CreateAsync(p.Root + "/missing/a", acl: [])),
        S("create with a double slash", p => p.CreateAsync(p.Root + "//a")),
        S("create with a trailing slash", p => p.CreateAsync(p.Root + "/a/")),
        S("sequential create with a trailing slash", p => p.CreateAsync(p.Root + "/", CreateMode.PersistentSequential)),
        S("create with a dot segment", p => p.CreateAsync(p.Root + "/./a")),
        S("create with a dot-dot segment", p => p.CreateAsync(p.Root + "/../a")),
        S("create with a NUL", p => p.CreateAsync(p.Root + "/a\0b")),
        S("create of a relative path", p => p.CreateAsync("relative")),
        S("create of an empty path", p => p.CreateAsync("")),
        S("create of the root", p => p.CreateAsync("/")),
        S("create of /zookeeper", p => p.CreateAsync("/zookeeper")),
        S("create under /zookeeper/config", p => p.CreateAsync("/zookeeper/config/a")),
        S("create under /zookeeper", async p => { await p.CreateAsync("/zookeeper" + p.Root); await p.DeleteAsync("/zookeeper" + p.Root); }),
        S("create with data over jute.maxbuffer", p => p.CreateAsync(p.Root + "/big", data: OverMaxBuffer)),

        // delete
        S("delete missing", p => p.DeleteAsync(p.Root + "/missing")),
        S("delete without parent", p => p.DeleteAsync(p.Root + "/missing/a")),
        S("delete with a bad version", async p => { await p.CreateAsync(p.Root + "/a"); await p.DeleteAsync(p.Root + "/a", 5); }),
        S("delete not empty", async p => { await p.CreateAsync(p.Root + "/a"); await p.CreateAsync(p.Root + "/a/b"); await p.DeleteAsync(p.Root + "/a"); }),
        S("delete not empty with a bad version", async p =>
        {
            await p.CreateAsync(p.Root + "/a");
            await p.CreateAsync(p.Root + "/a/b");
            await p.DeleteAsync(p.Root + "/a", 7);
        }),
        S("delete without DELETE on the parent", async p =>
        {
            await p.CreateAsync(p.Root + "/p");
            await p.CreateAsync(p.Root + "/p/a");
            await p.SetAclAsync(p.Root + "/p", AllButDelete);
            await p.DeleteAsync(p.Root + "/p/a");
        }),
        S("delete missing without DELETE on the parent", async p => { await p.CreateAsync(p.Root + "/p", acl: AllButDelete); await p.DeleteAsync(p.Root + "/p/a"); }),
        S("delete of the root", p => p.DeleteAsync("/")),
        S("delete of /zookeeper", p => p.DeleteAsync("/zookeeper")),
        S("delete of /zookeeper/quota", p => p.DeleteAsync("/zookeeper/quota")),
        S("delete of /zookeeper/config", p => p.DeleteAsync("/zookeeper/config")),
        S("delete with a trailing slash", async p => { await p.CreateAsync(p.Root + "/a"); await p.DeleteAsync(p.Root + "/a/"); }),
        S("delete of a relative path", p => p.DeleteAsync("relative")),
        S("delete of an empty path", p => p.DeleteAsync("")),
        S("delete with a NUL", p => p.DeleteAsync(p.Root + "/a\0b")),
        S("deleteContainer of a persistent node", async p =>
        {
            await p.CreateAsync(p.Root + "/a");
            await p.OpAsync("deleteContainer", OpCode.DeleteContainer, new DeleteContainerRequest(p.Root + "/a"));
        }),
        S("deleteContainer of an ephemeral", async p =>
        {
            await p.CreateAsync(p.Root + "/e", CreateMode.Ephemeral);
            await p.OpAsync("deleteContainer", OpCode.DeleteContainer, new DeleteContainerRequest(p.Root + "/e"));
        }),
        S("deleteContainer of a container with children", async p =>
        {
            await p.CreateAsync(p.Root + "/c", CreateMode.Container, type: OpCode.CreateContainer);
            await p.CreateAsync(p.Root + "/c/a");
            await p.OpAsync("deleteContainer", OpCode.DeleteContainer, new DeleteContainerRequest(p.Root + "/c"));
        }),
        S("deleteContainer missing", p => p.OpAsync("deleteContainer", OpCode.DeleteContainer, new DeleteContainerRequest(p.Root + "/missing"))),

        // setData, setACL, check
        S("setData missing", p => p.SetDataAsync(p.Root + "/missing")),
        S("setData with a bad version", async p => { await p.CreateAsync(p.Root + "/a"); await p.SetDataAsync(p.Root + "/a", 3); }),
        S("setData without WRITE", async p => { await p.CreateAsync(p.Root + "/a", acl: ReadOnly); await p.SetDataAsync(p.Root + "/a"); }),
        S("setData without WRITE and a bad version", async p => { await p.CreateAsync(p.Root + "/a", acl: ReadOnly); await p.SetDataAsync(p.Root + "/a", 9); }),
        S("setData with a trailing slash", p => p.SetDataAsync(p.Root + "/")),
        S("setData of a relative path", p => p.SetDataAsync("relative")),
        S("setData of /zookeeper/config", p => p.SetDataAsync("/zookeeper/config")),
        S("setData of /zookeeper/config as superuser", async p => { await p.AddAuthAsync("digest", SuperPassword); await p.SetDataAsync("/zookeeper/config"); }),
        S("setData over jute.maxbuffer", async p => { await p.CreateAsync(p.Root + "/a"); await p.SetDataAsync(p.Root + "/a", data: OverMaxBuffer); }),
        S("setACL missing", p => p.SetAclAsync(p.Root + "/missing", Acl.OpenAclUnsafe)),
        S("setACL with a bad version", async p => { await p.CreateAsync(p.Root + "/a"); await p.SetAclAsync(p.Root + "/a", ReadOnly, 4); }),
        S("setACL without ADMIN", async p => { await p.CreateAsync(p.Root + "/a", acl: AllButAdmin); await p.SetAclAsync(p.Root + "/a", Acl.OpenAclUnsafe); }),
        S("setACL with an empty ACL", async p => { await p.CreateAsync(p.Root + "/a"); await p.SetAclAsync(p.Root + "/a", []); }),
        S("setACL with an empty ACL on a missing node", p => p.SetAclAsync(p.Root + "/missing", [])),
        S("setACL with an unknown scheme without ADMIN", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: AllButAdmin);
            await p.SetAclAsync(p.Root + "/a", [new(Perms.All, new Id("foo", "bar"))]);
        }),
        S("setACL of /zookeeper/config", p => p.SetAclAsync("/zookeeper/config", Acl.OpenAclUnsafe)),
        S("setACL with a trailing slash", p => p.SetAclAsync(p.Root + "/", Acl.OpenAclUnsafe)),
        // Left out: check (13) outside a multi. ZooKeeper 3.8 commits it as a txn, then fails to serialise its reply
        // (a SetDataResponse without a Stat): no answer, and the connection closes. AkkaZk answers Ok.

        // multi and multiRead: the overall error and every op's result
        S("multi with a NodeExists", p => p.MultiAsync(Create(p.Root + "/a"), Create(p.Root + "/b"), Create(p.Root + "/a"))),
        S("multi with a NoNode in the middle", p => p.MultiAsync(Create(p.Root + "/a"), Delete(p.Root + "/missing"), Create(p.Root + "/b"))),
        S("multi with a failing check", async p => { await p.CreateAsync(p.Root + "/a"); await p.MultiAsync(Check(p.Root + "/a", 5), SetData(p.Root + "/a")); }),
        S("multi with a check of a missing node", p => p.MultiAsync(Check(p.Root + "/missing", 0))),
        S("multi with a check without READ", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: WriteOnly);
            await p.MultiAsync(Check(p.Root + "/a", 0), SetData(p.Root + "/a"));
        }),
        S("multi with a NotEmpty", async p =>
        {
            await p.CreateAsync(p.Root + "/a");
            await p.MultiAsync(Create(p.Root + "/a/b"), Delete(p.Root + "/a"));
        }),
        S("multi creating under its own ephemeral", p => p.MultiAsync(Create(p.Root + "/e", CreateMode.Ephemeral), Create(p.Root + "/e/a"))),
        S("multi deleting what it created, then a bad version", p =>
            p.MultiAsync(Create(p.Root + "/a"), Delete(p.Root + "/a"), SetData(p.Root + "/a", 0))),
        S("multi with a TTL create, TTLs disabled", p => p.MultiAsync(Create(p.Root + "/a"), Create(p.Root + "/t", CreateMode.PersistentWithTtl))),
        S("multi with bad flags", p => p.MultiAsync(Create(p.Root + "/a"), Create(p.Root + "/b", (CreateMode)9))),
        S("multi with an invalid ACL", p => p.MultiAsync(Create(p.Root + "/a"), Create(p.Root + "/b", acl: []))),
        S("multi with a NoAuth", async p => { await p.CreateAsync(p.Root + "/p", acl: AllButCreate); await p.MultiAsync(Create(p.Root + "/a"), Create(p.Root + "/p/a")); }),
        S("multi deleting the root", p => p.MultiAsync(Create(p.Root + "/a"), Delete("/"))),
        S("multi with a bad path", p => p.MultiAsync(Create(p.Root + "/a"), Create(p.Root + "/b/"))),
        S("multi with two failures", p => p.MultiAsync(Delete(p.Root + "/x"), Delete(p.Root + "/y"))),
        S("empty multi", p => p.MultiAsync()),
        S("multi with a read op", p => p.MultiAsync(Create(p.Root + "/a"), GetData(p.Root + "/a"))),
        S("multi with a setACL op", p => p.MultiAsync(new MultiOp(OpCode.SetAcl, new SetAclRequest(p.Root, Acl.OpenAclUnsafe, -1)))),
        S("multiRead with a missing node", async p =>
        {
            await p.CreateAsync(p.Root + "/a");
            await p.OpAsync("multiRead", OpCode.MultiRead, new MultiRequest([GetData(p.Root + "/a"), GetData(p.Root + "/missing"), GetChildren(p.Root + "/missing")]));
        }),
        S("multiRead without READ", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: WriteOnly);
            await p.OpAsync("multiRead", OpCode.MultiRead, new MultiRequest([GetChildren(p.Root), GetChildren(p.Root + "/a"), GetData(p.Root + "/a")]));
        }),
        S("multiRead with a write op", p => p.OpAsync("multiRead", OpCode.MultiRead, new MultiRequest([GetData(p.Root), Create(p.Root + "/a")]))),

        // reads (FinalRequestProcessor)
        S("getData missing", p => p.GetDataAsync(p.Root + "/missing")),
        S("getData without READ", async p => { await p.CreateAsync(p.Root + "/a", acl: WriteOnly); await p.GetDataAsync(p.Root + "/a"); }),
        S("getData of a digest-only node as its owner", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: AliceOnly);
            await p.AddAuthAsync("digest", "alice:pw");
            await p.GetDataAsync(p.Root + "/a");
        }),
        S("getData with a trailing slash", p => p.GetDataAsync(p.Root + "/")),
        S("getData of a relative path", p => p.GetDataAsync("relative")),
        S("getData with a watch on a missing node", p => p.GetDataAsync(p.Root + "/missing", watch: true)),
        S("getChildren missing", p => p.OpAsync("getChildren", OpCode.GetChildren, new GetChildrenRequest(p.Root + "/missing", true))),
        S("getChildren2 without READ", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: WriteOnly);
            await p.OpAsync("getChildren2", OpCode.GetChildren2, new GetChildrenRequest(p.Root + "/a", false));
        }),
        S("exists missing", p => p.OpAsync("exists", OpCode.Exists, new ExistsRequest(p.Root + "/missing", false))),
        S("exists with a NUL", p => p.OpAsync("exists", OpCode.Exists, new ExistsRequest(p.Root + "/a\0b", false))),
        S("exists without READ", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: WriteOnly);
            await p.OpAsync("exists", OpCode.Exists, new ExistsRequest(p.Root + "/a", false));
        }),
        S("getACL missing", p => p.OpAsync("getACL", OpCode.GetAcl, new GetAclRequest(p.Root + "/missing"))),
        S("getACL without READ or ADMIN", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: WriteOnly);
            await p.OpAsync("getACL", OpCode.GetAcl, new GetAclRequest(p.Root + "/a"));
        }),
        S("getAllChildrenNumber missing", p => p.OpAsync("getAllChildrenNumber", OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(p.Root + "/missing"))),
        S("getAllChildrenNumber without READ", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: WriteOnly);
            await p.OpAsync("getAllChildrenNumber", OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(p.Root + "/a"));
        }),
        S("getEphemerals of a missing prefix", p => p.OpAsync("getEphemerals", OpCode.GetEphemerals, new GetEphemeralsRequest(p.Root + "/missing"))),
        S("getEphemerals of a relative prefix", p => p.OpAsync("getEphemerals", OpCode.GetEphemerals, new GetEphemeralsRequest("relative"))),
        S("sync of a missing path", p => p.OpAsync("sync", OpCode.Sync, new SyncRequest(p.Root + "/missing"))),
        S("sync of a bad path", p => p.OpAsync("sync", OpCode.Sync, new SyncRequest("bad//path"))),
        S("whoAmI", async p => { await p.AddAuthAsync("digest", "alice:pw"); await p.OpAsync("whoAmI", OpCode.WhoAmI, EmptyRequest.Instance); }),

        // watches
        S("checkWatches without a watch", p => p.OpAsync("checkWatches", OpCode.CheckWatches, new CheckWatchesRequest(p.Root, WatcherType.Data))),
        S("checkWatches of a set watch", async p =>
        {
            await p.GetDataAsync(p.Root, watch: true);
            await p.OpAsync("checkWatches", OpCode.CheckWatches, new CheckWatchesRequest(p.Root, WatcherType.Children));
            await p.OpAsync("checkWatches", OpCode.CheckWatches, new CheckWatchesRequest(p.Root, WatcherType.Data));
        }),
        S("removeWatches without a watch", p => p.OpAsync("removeWatches", OpCode.RemoveWatches, new RemoveWatchesRequest(p.Root, WatcherType.Any))),
        S("removeWatches twice", async p =>
        {
            await p.OpAsync("getChildren", OpCode.GetChildren, new GetChildrenRequest(p.Root, true));
            await p.OpAsync("removeWatches", OpCode.RemoveWatches, new RemoveWatchesRequest(p.Root, WatcherType.Children));
            await p.OpAsync("removeWatches", OpCode.RemoveWatches, new RemoveWatchesRequest(p.Root, WatcherType.Children));
        }),
        S("removeWatches of a missing path", p => p.OpAsync("removeWatches", OpCode.RemoveWatches, new RemoveWatchesRequest(p.Root + "/missing", WatcherType.Data))),
        S("removeWatches of an unknown type", p => p.OpAsync("removeWatches", OpCode.RemoveWatches, new RemoveWatchesRequest(p.Root, (WatcherType)9))),
        S("removeWatches of a persistent watch", async p =>
        {
            await p.OpAsync("addWatch", OpCode.AddWatch, new AddWatchRequest(p.Root, AddWatchMode.Persistent));
            await p.OpAsync("removeWatches", OpCode.RemoveWatches, new RemoveWatchesRequest(p.Root, WatcherType.Persistent));
            await p.OpAsync("removeWatches", OpCode.RemoveWatches, new RemoveWatchesRequest(p.Root, WatcherType.Any));
        }),
        S("addWatch on a missing path", p => p.OpAsync("addWatch", OpCode.AddWatch, new AddWatchRequest(p.Root + "/missing", AddWatchMode.PersistentRecursive))),
        S("addWatch with an unknown mode", p => p.OpAsync("addWatch", OpCode.AddWatch, new AddWatchRequest(p.Root, (AddWatchMode)7))),
        S("addWatch on a node without READ", async p =>
        {
            await p.CreateAsync(p.Root + "/a", acl: WriteOnly);
            await p.OpAsync("addWatch", OpCode.AddWatch, new AddWatchRequest(p.Root + "/a", AddWatchMode.Persistent));
        }),
        S("setWatches on missing paths", p => p.OpAsync("setWatches", OpCode.SetWatches,
            new SetWatchesRequest(0, [p.Root + "/x"], [p.Root + "/y"], [p.Root + "/z"], [], []), xid: Xids.SetWatches)),
        S("setWatches2 with persistent watches", p => p.OpAsync("setWatches2", OpCode.SetWatches2,
            new SetWatchesRequest(0, [], [], [], [p.Root + "/x"], [p.Root]), xid: Xids.SetWatches)),

        // auth and the session layer
        S("auth with an unknown scheme", p => p.AddAuthAsync("foo", "bar")),
        S("auth digest without a colon", async p => { await p.AddAuthAsync("digest", "alice"); await p.OpAsync("whoAmI", OpCode.WhoAmI, EmptyRequest.Instance); }),
        S("auth with the ip scheme", p => p.AddAuthAsync("ip", "127.0.0.1")),
        S("auth with the world scheme", p => p.AddAuthAsync("world", "anyone")),
        S("sasl without SASL", p => p.OpAsync("sasl", OpCode.Sasl, new SaslRequest([1, 2, 3]))),
        S("an unknown opcode", p => p.RawAsync("opcode 50", (OpCode)50, [0, 0, 0, 1, (byte)'/'])),
        // Left out: createSession (-10) after the handshake. ZooKeeper prepares it as a new session's txn and answers
        // with no reply the client can read; AkkaZk answers Unimplemented. Both close the connection.
        S("a notification opcode from the client", p => p.RawAsync("notification", OpCode.Notification, [])),
        S("a truncated create", p => p.RawAsync("create", OpCode.Create, [0, 0, 0, 9, (byte)'/'])),
        S("a truncated delete", p => p.RawAsync("delete", OpCode.Delete, [0, 0, 0, 2, (byte)'/', (byte)'a'])),
        S("a truncated setData", p => p.RawAsync("setData", OpCode.SetData, [0, 0, 0, 1, (byte)'/', 0, 0, 0, 5, 1])),
        S("a truncated multi", p => p.RawAsync("multi", OpCode.Multi, [0, 0, 0, 1, 0])),
        S("a truncated getData", p => p.RawAsync("getData", OpCode.GetData, [0, 0, 3, 232, (byte)'/'])),
        S("a truncated exists", p => p.RawAsync("exists", OpCode.Exists, [0, 0, 0, 1, (byte)'/'])),
        S("a truncated getChildren", p => p.RawAsync("getChildren", OpCode.GetChildren, [])),
        S("a truncated sync", p => p.RawAsync("sync", OpCode.Sync, [0, 0])),
        S("a truncated setWatches", p => p.RawAsync("setWatches", OpCode.SetWatches, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9])),
        S("a truncated addWatch", p => p.RawAsync("addWatch", OpCode.AddWatch, [0, 0, 0, 1, (byte)'/'])),
        S("a truncated auth packet", p => p.RawAsync("auth", OpCode.Auth, [0, 0, 0, 0, 0, 0, 0, 9])),
        S("a truncated create takes a zxid", async p =>
        {
            var before = await p.CreateAsync(p.Root + "/a");
            await p.RawAsync("create", OpCode.Create, [0, 0, 0, 9, (byte)'/']);
            var after = await p.CreateAsync(p.Root + "/b");
            p.Note($"zxids apart: {after?.Header.Zxid - before?.Header.Zxid}");
        }),
        // Left out: a create pipelined behind closeSession. ZooKeeper answers it SessionExpired or not at all, as
        // its reply races the connection's close; AkkaZk never answers it.
        S("reconnect with a closed session", async p =>
        {
            var other = await p.OpenSessionAsync();
            await p.OpAsync("closeSession", OpCode.CloseSession, EmptyRequest.Instance, other);
            await p.ConnectAsync("reconnect", other.SessionId, other.Password);
        }),
        S("reconnect with a wrong password", async p =>
        {
            var other = await p.OpenSessionAsync();
            await p.ConnectAsync("reconnect", other.SessionId, new byte[16]);
        }),

        // quotas (zookeeper.enforceQuota off: over a quota is only logged)
        S("create over a count quota", async p =>
        {
            await p.CreateAsync("/zookeeper/quota" + p.Root);
            await p.CreateAsync("/zookeeper/quota" + p.Root + "/zookeeper_limits", data: "count=1,bytes=-1"u8.ToArray());
            await p.CreateAsync(p.Root + "/a");
            await p.CreateAsync(p.Root + "/b");
        }),
        S("setData over a bytes quota", async p =>
        {
            await p.CreateAsync("/zookeeper/quota" + p.Root);
            await p.CreateAsync("/zookeeper/quota" + p.Root + "/zookeeper_limits", data: "count=-1,bytes=2"u8.ToArray());
            await p.CreateAsync(p.Root + "/a");
            await p.SetDataAsync(p.Root + "/a", data: new byte[100]);
        }),
        S("setData of a quota limit node with garbage", async p =>
        {
            await p.CreateAsync("/zookeeper/quota" + p.Root);
            await p.CreateAsync("/zookeeper/quota" + p.Root + "/zookeeper_limits", data: "count=1,bytes=-1"u8.ToArray());
            await p.SetDataAsync("/zookeeper/quota" + p.Root + "/zookeeper_limits", data: "garbage"u8.ToArray());
        }),

        // reconfig on a standalone server with reconfigEnabled=true: not supported there
        S("reconfig, unauthenticated", p => p.OpAsync("reconfig", OpCode.Reconfig, new ReconfigRequest(null, "2", null, -1))),
        S("reconfig as superuser", async p =>
        {
            await p.AddAuthAsync("digest", SuperPassword);
            await p.OpAsync("reconfig", OpCode.Reconfig, new ReconfigRequest("server.5=127.0.0.1:1:2;3", null, null, -1));
        }),
        S("reconfig with a bad config version", p => p.OpAsync("reconfig", OpCode.Reconfig, new ReconfigRequest(null, null, "garbage", 12345))),
    ];

    /// <summary>Situations for a standalone server with reconfig left disabled (ZooKeeper's default).</summary>
    public static IReadOnlyList<ErrorSituation> ReconfigDisabled { get; } =
    [
        S("reconfig, unauthenticated", p => p.OpAsync("reconfig", OpCode.Reconfig, new ReconfigRequest(null, "2", null, -1))),
        S("reconfig as superuser", async p =>
        {
            await p.AddAuthAsync("digest", SuperPassword);
            await p.OpAsync("reconfig", OpCode.Reconfig, new ReconfigRequest("server.5=127.0.0.1:1:2;3", null, null, -1));
        }),
        S("reconfig with new members", p => p.OpAsync("reconfig", OpCode.Reconfig, new ReconfigRequest(null, null, "server.1=127.0.0.1:1:2;3", 7))),
    ];
}
