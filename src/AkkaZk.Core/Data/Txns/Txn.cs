using AkkaZk.Protocol;

namespace AkkaZk.Data.Txns;

/// <summary>TxnHeader: who asked (session, xid), the zxid, the leader's wall clock and the txn type (the request opcode, or Error).</summary>
public readonly record struct TxnHeader(long ClientId, int Cxid, long Zxid, long Time, OpCode Type);

/// <summary>One logged and replicated transaction: header plus the record its type calls for.</summary>
public sealed record Txn(TxnHeader Header, TxnBody? Body);

/// <summary>The records of zookeeper.jute's txn module.</summary>
public abstract record TxnBody;

public sealed record CreateTxn(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, bool Ephemeral, int ParentCVersion) : TxnBody;

public sealed record CreateContainerTxn(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, int ParentCVersion) : TxnBody;

public sealed record CreateTtlTxn(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, int ParentCVersion, long Ttl) : TxnBody;

public sealed record DeleteTxn(string Path) : TxnBody;

/// <summary>Version is the node's new version.</summary>
public sealed record SetDataTxn(string Path, byte[]? Data, int Version) : TxnBody;

public sealed record CheckVersionTxn(string Path, int Version) : TxnBody;

/// <summary>Version is the node's new aversion.</summary>
public sealed record SetAclTxn(string Path, IReadOnlyList<Acl> Acl, int Version) : TxnBody;

public sealed record CreateSessionTxn(int TimeOut) : TxnBody;

/// <summary>The ephemerals the leader saw for the session when it prepared the close (incl. outstanding creates).</summary>
public sealed record CloseSessionTxn(IReadOnlyList<string> Paths2Delete) : TxnBody;

public sealed record ErrorTxn(ErrorCode Err) : TxnBody;

/// <summary>One sub-txn of a multi: its own type (create, delete, setData, check, createTTL, createContainer or Error).</summary>
public sealed record SubTxn(OpCode Type, TxnBody Body);

public sealed record MultiTxn(IReadOnlyList<SubTxn> Txns) : TxnBody;
