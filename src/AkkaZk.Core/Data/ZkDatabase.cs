using AkkaZk.Data.Auth;
using AkkaZk.Data.Prep;
using AkkaZk.Data.Txns;
using AkkaZk.Data.Watches;
using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>
/// ZooKeeper's database for one server: the tree, its watches, the sessions, and the leader's outstanding
/// (prepared, not yet applied) changes. Single-threaded: one actor owns it.
/// </summary>
public sealed partial class ZkDatabase
{
    private readonly Dictionary<long, int> _sessions = [];
    private readonly HashSet<long> _preparedSessions = [];
    private readonly HashSet<long> _closingSessions = [];
    private readonly Dictionary<long, IReadOnlyList<Id>> _watcherAuth = [];
    private readonly OutstandingChanges _outstanding = new();
    private readonly TxnPreparer _preparer;

    public ZkDatabase(DatabaseOptions options)
        : this(options, new DataTree(options.ExtendedTypesEnabled))
    {
    }

    private ZkDatabase(DatabaseOptions options, DataTree tree)
    {
        Options = options;
        Tree = tree;
        _preparer = new TxnPreparer(tree, options, _outstanding, CheckSessionForPrep);
    }

    public DatabaseOptions Options { get; }

    public DataTree Tree { get; }

    public WatchManager Watches => Tree.Watches;

    public long LastProcessedZxid { get; private set; }

    /// <summary>Live sessions (created by an applied createSession, not yet closed) with their timeouts in ms.</summary>
    public IReadOnlyDictionary<long, int> Sessions => _sessions;

    /// <summary>Prepared changes not yet applied (leader only).</summary>
    public int OutstandingChangeCount => _outstanding.Count;

    /// <summary>Forget prepared-but-unapplied changes (e.g. when this node stops leading).</summary>
    public void ClearOutstandingChanges()
    {
        _outstanding.Clear();
        _preparedSessions.Clear();
        _closingSessions.Clear();
    }

    /// <summary>The session's ephemeral paths.</summary>
    public IReadOnlyCollection<string> GetEphemerals(long sessionId) => Tree.GetEphemerals(sessionId);

    /// <summary>The auth ids an auth packet adds (super first when the digest matches superDigest); null → AuthFailed.</summary>
    public IReadOnlyList<Id>? Authenticate(string scheme, byte[] auth, string? remoteAddress) =>
        AuthProviders.AuthenticateAll(scheme, auth, remoteAddress, Options.SuperDigest);

    /// <summary>
    /// Records the auth ids of a connection: notifications need READ on the node for the receiving connection.
    /// <see cref="Read"/> calls this too; call it after an auth packet adds ids.
    /// </summary>
    public void SetWatcherAuth(long watcherId, IReadOnlyList<Id> authInfo) => _watcherAuth[watcherId] = authInfo;

    /// <summary>A connection closed: drop its watches.</summary>
    public void RemoveWatcher(long watcherId)
    {
        Watches.RemoveWatcher(watcherId);
        _watcherAuth.Remove(watcherId);
    }

    /// <summary>
    /// ContainerManager.getCandidates: empty containers that have had a child (stored cversion > 0, or older than
    /// <paramref name="maxNeverUsedIntervalMs"/> when that is set) and childless TTL nodes not modified within their TTL.
    /// The server deletes each with a deleteContainer request.
    /// </summary>
    public IReadOnlyList<string> ContainerAndTtlCandidates(long nowMs, long maxNeverUsedIntervalMs = 0)
    {
        var candidates = new List<string>();
        foreach (var path in Tree.Containers)
        {
            if (Tree.GetNode(path) is not { ChildCount: 0 } node)
                continue;
            if (node.Stat.Cversion > 0 || (maxNeverUsedIntervalMs != 0 && nowMs - node.Stat.Mtime > maxNeverUsedIntervalMs))
                candidates.Add(path);
        }
        foreach (var path in Tree.Ttls)
        {
            if (Tree.GetNode(path) is not { ChildCount: 0 } node || Tree.KindOf(node.Stat.EphemeralOwner) != EphemeralKind.Ttl)
                continue;
            var ttl = EphemeralOwner.TtlOf(node.Stat.EphemeralOwner);
            if (ttl != 0 && nowMs - node.Stat.Mtime > ttl)
                candidates.Add(path);
        }
        return candidates;
    }

    // ---- prep (leader) ----

    /// <summary>
    /// The leader's prep step for a write: validates against the tree plus outstanding changes and returns the txn.
    /// A failed validation gives a txn of type Error carrying the code; a multi always gives a MultiTxn.
    /// </summary>
    public Txn Prepare(SessionContext session, int cxid, OpCode type, ZkRequest request, long zxid, long timeMs)
    {
        var header = new TxnHeader(session.SessionId, cxid, zxid, timeMs, type);
        try
        {
            if (type == OpCode.Multi)
                return new Txn(header, PrepareMulti(session, (MultiRequest)request, zxid, timeMs));
            return new Txn(header, _preparer.PrepareOp(type, request, session, zxid, timeMs));
        }
        catch (KeeperException e)
        {
            return new Txn(header with { Type = OpCode.Error }, new ErrorTxn(e.Code));
        }
        catch (InvalidCastException)
        {
            return new Txn(header with { Type = OpCode.Error }, new ErrorTxn(ErrorCode.MarshallingError));
        }
    }

    /// <param name="owner">the server whose client asked (<see cref="SessionOwner"/>).</param>
    public Txn PrepareCreateSession(long sessionId, int cxid, int timeoutMs, long zxid, long timeMs, long owner = SessionOwner.ThisServer)
    {
        _preparedSessions.Add(sessionId);
        _closingSessions.Remove(sessionId);
        _owners[sessionId] = owner;
        return new Txn(new TxnHeader(sessionId, cxid, zxid, timeMs, OpCode.CreateSession), new CreateSessionTxn(timeoutMs));
    }

    /// <summary>closeSession: lists the ephemerals to delete (including outstanding creates) and marks the session closing.</summary>
    public Txn PrepareCloseSession(long sessionId, int cxid, long zxid, long timeMs)
    {
        var body = _preparer.PrepareCloseSession(sessionId, zxid);
        _closingSessions.Add(sessionId);
        return new Txn(new TxnHeader(sessionId, cxid, zxid, timeMs, OpCode.CloseSession), body);
    }

    private MultiTxn PrepareMulti(SessionContext session, MultiRequest multi, long zxid, long timeMs)
    {
        // ZooKeeper decodes every op before preparing any: an op type a multi may not hold fails the whole request.
        var types = multi.Ops.Select(MultiOpType).ToList();
        var txns = new List<SubTxn>(multi.Ops.Count);
        var failed = false;
        for (var i = 0; i < multi.Ops.Count; i++)
        {
            if (failed)
            {
                txns.Add(new SubTxn(OpCode.Error, new ErrorTxn(ErrorCode.RuntimeInconsistency)));
                continue;
            }
            var op = multi.Ops[i];
            if (IsTtlModeOnPlainCreate(op))
            {
                // ZooKeeper turns such an op into a createTTL op holding a plain CreateRequest; preparing it fails a
                // cast, which fails the whole multi (not just the op) with MarshallingError.
                _outstanding.Rollback(zxid);
                throw new KeeperException(ErrorCode.MarshallingError);
            }
            try
            {
                txns.Add(new SubTxn(types[i], _preparer.PrepareOp(types[i], op.Request, session, zxid, timeMs)));
            }
            catch (Exception e) when (e is KeeperException or InvalidCastException)
            {
                failed = true;
                var code = e is KeeperException ke ? ke.Code : ErrorCode.MarshallingError;
                txns.Add(new SubTxn(OpCode.Error, new ErrorTxn(code)));
                _outstanding.Rollback(zxid);
            }
        }
        return new MultiTxn(txns);
    }

    private static bool IsTtlModeOnPlainCreate(MultiOp op) =>
        op.Type is OpCode.Create or OpCode.Create2 or OpCode.CreateContainer
        && op.Request is CreateRequest create && CreateModes.IsKnown((int)create.Flags) && create.Flags.IsTtl();

    /// <summary>Inside a multi ZooKeeper rebuilds create ops from their flags: create2 becomes create, flags 4 createContainer.</summary>
    private static OpCode MultiOpType(MultiOp op) => op.Type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer when op.Request is CreateRequest create && CreateModes.IsKnown((int)create.Flags) =>
            CreateModes.MultiOpCode(create.Flags),
        OpCode.CreateTtl when op.Request is CreateRequest create && CreateModes.IsKnown((int)create.Flags) && !create.Flags.IsTtl() =>
            CreateModes.MultiOpCode(create.Flags),
        OpCode.Create2 => OpCode.Create,
        OpCode.Create or OpCode.CreateContainer or OpCode.CreateTtl or OpCode.Delete or OpCode.SetData or OpCode.Check => op.Type,
        _ => throw new KeeperException(ErrorCode.MarshallingError),
    };

    private bool IsSessionValidForPrep(long sessionId) =>
        (_sessions.ContainsKey(sessionId) || _preparedSessions.Contains(sessionId)) && !_closingSessions.Contains(sessionId);

    private List<WatchNotification> Deliverable(List<FiredWatch> fired)
    {
        var result = new List<WatchNotification>(fired.Count);
        foreach (var watch in fired)
        {
            var auth = _watcherAuth.GetValueOrDefault(watch.WatcherId) ?? [];
            if (AclChecks.IsAllowed(watch.Acl, Perms.Read, auth, Options.SkipAcl))
                result.Add(new WatchNotification(watch.WatcherId, watch.Event));
        }
        return result;
    }
}
