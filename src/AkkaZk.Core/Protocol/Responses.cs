using AkkaZk.Data;

namespace AkkaZk.Protocol;

/// <summary>The body of a reply; omitted on the wire when ReplyHeader.err is not 0 (multi excepted).</summary>
public abstract record ZkResponse;

/// <summary>First server frame (no ReplyHeader). ReadOnly is written only when the client sent it.</summary>
public sealed record ConnectResponse(int ProtocolVersion, int TimeOut, long SessionId, byte[] Passwd, bool? ReadOnly);

public readonly record struct ReplyHeader(int Xid, long Zxid, ErrorCode Err);

/// <summary>create (1).</summary>
public sealed record CreateResponse(string Path) : ZkResponse;

/// <summary>create2, createContainer, createTTL.</summary>
public sealed record Create2Response(string Path, Stat Stat) : ZkResponse;

/// <summary>exists, setData, setACL.</summary>
public sealed record StatResponse(Stat Stat) : ZkResponse;

public sealed record GetDataResponse(byte[] Data, Stat Stat) : ZkResponse;

public sealed record GetChildrenResponse(IReadOnlyList<string> Children) : ZkResponse;

public sealed record GetChildren2Response(IReadOnlyList<string> Children, Stat Stat) : ZkResponse;

public sealed record GetAclResponse(IReadOnlyList<Acl> Acl, Stat Stat) : ZkResponse;

public sealed record SyncResponse(string Path) : ZkResponse;

public sealed record GetAllChildrenNumberResponse(int TotalNumber) : ZkResponse;

public sealed record GetEphemeralsResponse(IReadOnlyList<string> Ephemerals) : ZkResponse;

public sealed record ClientInfo(string AuthScheme, string User);

public sealed record WhoAmIResponse(IReadOnlyList<ClientInfo> ClientInfo) : ZkResponse;

public sealed record SetSaslResponse(byte[] Token) : ZkResponse;

/// <summary>Error result inside multi / multiRead, and addWatch's 4-byte 0 body.</summary>
public sealed record ErrorResponse(ErrorCode Err) : ZkResponse;

/// <summary>One result inside a multi reply: Type is the op's opcode, or Error (-1) for an error result.</summary>
public sealed record MultiResult(OpCode Type, ErrorCode Err, ZkResponse? Result);

public sealed record MultiResponse(IReadOnlyList<MultiResult> Results) : ZkResponse;

/// <summary>delete, check, setWatches, auth, ping, closeSession: header only.</summary>
public sealed record EmptyResponse : ZkResponse
{
    public static readonly EmptyResponse Instance = new();
}

/// <summary>A watch notification, sent with xid -1.</summary>
public sealed record WatcherEvent(EventType Type, KeeperState State, string Path);
