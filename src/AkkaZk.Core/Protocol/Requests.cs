using AkkaZk.Data;

namespace AkkaZk.Protocol;

/// <summary>The body of a client request; the opcode travels beside it in the RequestHeader.</summary>
public abstract record ZkRequest;

/// <summary>First frame of a connection (no RequestHeader). ReadOnly is null when the client did not send the byte.</summary>
public sealed record ConnectRequest(int ProtocolVersion, long LastZxidSeen, int TimeOut, long SessionId, byte[] Passwd, bool? ReadOnly);

public readonly record struct RequestHeader(int Xid, OpCode Type);

/// <summary>create (1), create2 (15), createContainer (19) and createTTL (21): Ttl is used by createTTL only.</summary>
public sealed record CreateRequest(string Path, byte[] Data, IReadOnlyList<Acl> Acl, CreateMode Flags, long Ttl = 0) : ZkRequest;

public sealed record DeleteRequest(string Path, int Version) : ZkRequest;

/// <summary>deleteContainer (20): server-internal, sent by the container manager.</summary>
public sealed record DeleteContainerRequest(string Path) : ZkRequest;

public sealed record ExistsRequest(string Path, bool Watch) : ZkRequest;

public sealed record GetDataRequest(string Path, bool Watch) : ZkRequest;

public sealed record SetDataRequest(string Path, byte[] Data, int Version) : ZkRequest;

public sealed record GetAclRequest(string Path) : ZkRequest;

public sealed record SetAclRequest(string Path, IReadOnlyList<Acl> Acl, int Version) : ZkRequest;

/// <summary>getChildren (8) and getChildren2 (12) share one body.</summary>
public sealed record GetChildrenRequest(string Path, bool Watch) : ZkRequest;

public sealed record SyncRequest(string Path) : ZkRequest;

public sealed record CheckVersionRequest(string Path, int Version) : ZkRequest;

/// <summary>One operation inside multi (14) or multiRead (22).</summary>
public sealed record MultiOp(OpCode Type, ZkRequest Request);

public sealed record MultiRequest(IReadOnlyList<MultiOp> Ops) : ZkRequest;

/// <summary>
/// A request body that does not decode. ZooKeeper reads the bodies of reads and writes inside its request pipeline,
/// so such a request is answered MarshallingError (a write as an error txn, taking a zxid) and the connection stays
/// open. <see cref="Body"/> is kept as received, for a learner to forward it to the leader.
/// </summary>
public sealed record UndecodableRequest(byte[] Body, string Problem) : ZkRequest;

/// <summary>
/// The body of a multi op whose type a multi may not hold (setACL, sync, ...): ZooKeeper stops reading the multi
/// there and fails the whole request with MarshallingError, keeping the connection.
/// </summary>
public sealed record UnreadMultiOp : ZkRequest
{
    public static readonly UnreadMultiOp Instance = new();
}

public sealed record ReconfigRequest(string? JoiningServers, string? LeavingServers, string? NewMembers, long CurConfigId) : ZkRequest;

/// <summary>setWatches (101) has no persistent lists; setWatches2 (105) has both.</summary>
public sealed record SetWatchesRequest(
    long RelativeZxid,
    IReadOnlyList<string> DataWatches,
    IReadOnlyList<string> ExistWatches,
    IReadOnlyList<string> ChildWatches,
    IReadOnlyList<string> PersistentWatches,
    IReadOnlyList<string> PersistentRecursiveWatches) : ZkRequest;

public sealed record AddWatchRequest(string Path, AddWatchMode Mode) : ZkRequest;

public sealed record CheckWatchesRequest(string Path, WatcherType Type) : ZkRequest;

public sealed record RemoveWatchesRequest(string Path, WatcherType Type) : ZkRequest;

public sealed record GetEphemeralsRequest(string PrefixPath) : ZkRequest;

public sealed record GetAllChildrenNumberRequest(string Path) : ZkRequest;

public sealed record AuthPacket(int Type, string Scheme, byte[] Auth) : ZkRequest;

public sealed record SaslRequest(byte[] Token) : ZkRequest;

/// <summary>ping (11), closeSession (-11), whoAmI (107): no body.</summary>
public sealed record EmptyRequest : ZkRequest
{
    public static readonly EmptyRequest Instance = new();
}
