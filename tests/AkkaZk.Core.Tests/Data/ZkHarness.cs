using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;

namespace AkkaZk.Tests.Data;

/// <summary>Drives a ZkDatabase like a standalone leader: prepare, then apply at once, zxids counting up from 1.</summary>
internal sealed class ZkHarness
{
    public const long Session = 0x100;
    public const long Other = 0x200;

    public ZkHarness(DatabaseOptions? options = null, bool openSessions = true)
    {
        Db = new ZkDatabase(options ?? new DatabaseOptions());
        if (openSessions)
        {
            Db.Apply(Db.PrepareCreateSession(Session, 0, 30000, NextZxid(), Time));
            Db.Apply(Db.PrepareCreateSession(Other, 0, 30000, NextZxid(), Time));
        }
    }

    public ZkDatabase Db { get; }

    public long Zxid { get; private set; }

    public long Time { get; set; } = 1_700_000_000_000;

    public int Cxid { get; private set; }

    public long NextZxid() => ++Zxid;

    public static SessionContext Ctx(long session = Session, params Id[] auth) => new(session, auth);

    public Txn Prepare(OpCode type, ZkRequest request, SessionContext? ctx = null) =>
        Db.Prepare(ctx ?? Ctx(), ++Cxid, type, request, NextZxid(), Time);

    public ApplyResult Write(OpCode type, ZkRequest request, SessionContext? ctx = null) => Db.Apply(Prepare(type, request, ctx));

    public ApplyResult Create(string path, byte[]? data = null, CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null, SessionContext? ctx = null, OpCode type = OpCode.Create, long ttl = 0) =>
        Write(type, new CreateRequest(path, data ?? [], acl ?? Acl.OpenAclUnsafe, mode, ttl), ctx);

    public ApplyResult Delete(string path, int version = -1, SessionContext? ctx = null) => Write(OpCode.Delete, new DeleteRequest(path, version), ctx);

    public ApplyResult SetData(string path, byte[] data, int version = -1, SessionContext? ctx = null) =>
        Write(OpCode.SetData, new SetDataRequest(path, data, version), ctx);

    public ReadResult Read(OpCode type, ZkRequest request, long watcher = 1, SessionContext? ctx = null) =>
        Db.Read(ctx ?? Ctx(), type, request, watcher);

    public Stat StatOf(string path) => ((StatResponse)Read(OpCode.Exists, new ExistsRequest(path, false)).Response!).Stat;

    public ApplyResult CloseSession(long session) => Db.Apply(Db.PrepareCloseSession(session, ++Cxid, NextZxid(), Time));
}
