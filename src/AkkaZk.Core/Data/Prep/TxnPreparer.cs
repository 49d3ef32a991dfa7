using AkkaZk.Data.Auth;
using AkkaZk.Data.Txns;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Data.Prep;

/// <summary>
/// The leader's prep step (PrepRequestProcessor.pRequest2Txn): validates a write against the tree plus the
/// outstanding changes and turns it into a txn body, recording the changes it will make.
/// Every failure is a <see cref="KeeperException"/> carrying ZooKeeper's code, raised in ZooKeeper's check order.
/// </summary>
internal sealed class TxnPreparer(DataTree tree, DatabaseOptions options, OutstandingChanges outstanding, Action<SessionContext> checkSession)
{
    public TxnBody PrepareOp(OpCode type, ZkRequest request, SessionContext session, long zxid, long time) => type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl =>
            PrepareCreate(type, (CreateRequest)request, session, zxid, time),
        OpCode.Delete => PrepareDelete((DeleteRequest)request, session, zxid),
        OpCode.DeleteContainer => PrepareDeleteContainer(((DeleteContainerRequest)request).Path, zxid),
        OpCode.SetData => PrepareSetData((SetDataRequest)request, session, zxid, time),
        OpCode.SetAcl => PrepareSetAcl((SetAclRequest)request, session, zxid),
        OpCode.Check => PrepareCheck((CheckVersionRequest)request, session),
        OpCode.Reconfig => PrepareReconfig(session),
        _ => throw new KeeperException(ErrorCode.MarshallingError),
    };

    /// <summary>
    /// reconfig: refused when disabled (before any session or ACL check), then, like ZooKeeper's standalone server,
    /// answered Unimplemented. An ensemble's reconfig (dynamic membership) is not implemented either.
    /// </summary>
    private TxnBody PrepareReconfig(SessionContext session)
    {
        if (!options.ReconfigEnabled)
            throw new KeeperException(ErrorCode.ReconfigDisabled);
        checkSession(session);
        throw new KeeperException(ErrorCode.Unimplemented);
    }

    private TxnBody PrepareCreate(OpCode type, CreateRequest request, SessionContext session, long zxid, long time)
    {
        var path = request.Path;
        var data = StoredData(request.Data);
        var ttl = type == OpCode.CreateTtl ? request.Ttl : -1;
        if (!CreateModes.IsKnown((int)request.Flags))
            throw new KeeperException(ErrorCode.BadArguments, path);
        var mode = request.Flags;
        if (mode.IsTtl() && !options.ExtendedTypesEnabled)
            throw new KeeperException(ErrorCode.Unimplemented, path);
        if (mode.IsTtl() ? !EphemeralOwner.IsValidTtl(ttl) : ttl >= 0)
            throw new KeeperException(ErrorCode.BadArguments, path);
        checkSession(session);
        var parentPath = ParentForCreate(path);
        var acl = AclChecks.Fixup(request.Acl, session.AuthInfo) ?? throw new KeeperException(ErrorCode.InvalidAcl, path);
        var parent = GetRecord(parentPath);
        CheckAcl(parent.Acl, Perms.Create, session);
        var parentStat = parent.Stat!.Value;
        if (mode.IsSequential())
            path += CreateModes.SequenceSuffix(parentStat.Cversion);
        if (!PathUtils.IsValid(path))
            throw new KeeperException(ErrorCode.BadArguments, path);
        if (GetRecordOrNull(path) is not null)
            throw new KeeperException(ErrorCode.NodeExists, path);
        if (tree.KindOf(parentStat.EphemeralOwner) == EphemeralKind.Normal)
            throw new KeeperException(ErrorCode.NoChildrenForEphemerals, path);
        var newCversion = unchecked(parentStat.Cversion + 1);
        TxnBody body = type switch
        {
            OpCode.CreateContainer => new CreateContainerTxn(path, data, acl, newCversion),
            OpCode.CreateTtl => new CreateTtlTxn(path, data, acl, newCversion, ttl),
            _ => new CreateTxn(path, data, acl, mode.IsEphemeral(), newCversion),
        };
        var owner = mode.IsContainer() ? EphemeralOwner.Container
            : mode.IsTtl() ? EphemeralOwner.ForTtl(ttl)
            : mode.IsEphemeral() ? session.SessionId
            : 0;
        outstanding.Add(parent with
        {
            Zxid = zxid,
            ChildCount = parent.ChildCount + 1,
            Stat = parentStat with { Cversion = newCversion, Pzxid = zxid },
        });
        outstanding.Add(new ChangeRecord(zxid, path, PersistedStat.ForCreate(zxid, time, owner), 0, acl, data));
        return body;
    }

    private TxnBody PrepareDelete(DeleteRequest request, SessionContext session, long zxid)
    {
        checkSession(session);
        var path = request.Path;
        var parentPath = ParentForDelete(path);
        var parent = GetRecord(parentPath);
        CheckAcl(parent.Acl, Perms.Delete, session);
        var node = GetRecord(path);
        CheckAndIncVersion(node.Stat!.Value.Version, request.Version, path);
        if (node.ChildCount > 0)
            throw new KeeperException(ErrorCode.NotEmpty, path);
        RecordDelete(parent, path, zxid);
        return new DeleteTxn(path);
    }

    /// <summary>deleteContainer: sent by the container manager; no session or ACL check, refuses real ephemerals.</summary>
    private TxnBody PrepareDeleteContainer(string path, long zxid)
    {
        var parentPath = ParentForDelete(path);
        var node = GetRecord(path);
        if (node.ChildCount > 0)
            throw new KeeperException(ErrorCode.NotEmpty, path);
        if (tree.KindOf(node.Stat!.Value.EphemeralOwner) == EphemeralKind.Normal)
            throw new KeeperException(ErrorCode.BadVersion, path);
        var parent = GetRecord(parentPath);
        RecordDelete(parent, path, zxid);
        return new DeleteTxn(path);
    }

    private void RecordDelete(ChangeRecord parent, string path, long zxid)
    {
        outstanding.Add(parent with
        {
            Zxid = zxid,
            ChildCount = parent.ChildCount - 1,
            Stat = parent.Stat!.Value with { Pzxid = zxid },
        });
        outstanding.Add(new ChangeRecord(zxid, path, null, -1, null, null));
    }

    private TxnBody PrepareSetData(SetDataRequest request, SessionContext session, long zxid, long time)
    {
        checkSession(session);
        var path = request.Path;
        ValidatePath(path);
        var node = GetRecord(path);
        CheckAcl(node.Acl, Perms.Write, session);
        var stat = node.Stat!.Value;
        var newVersion = CheckAndIncVersion(stat.Version, request.Version, path);
        var data = StoredData(request.Data);
        outstanding.Add(node with
        {
            Zxid = zxid,
            Stat = stat with { Version = newVersion, Mtime = time, Mzxid = zxid },
            Data = data,
        });
        return new SetDataTxn(path, data, newVersion);
    }

    private TxnBody PrepareSetAcl(SetAclRequest request, SessionContext session, long zxid)
    {
        checkSession(session);
        var path = request.Path;
        ValidatePath(path);
        var acl = AclChecks.Fixup(request.Acl, session.AuthInfo) ?? throw new KeeperException(ErrorCode.InvalidAcl, path);
        var node = GetRecord(path);
        CheckAcl(node.Acl, Perms.Admin, session);
        var stat = node.Stat!.Value;
        var newVersion = CheckAndIncVersion(stat.Aversion, request.Version, path);
        // Later requests prepared before this commits must see the new ACL (ZooKeeper fixed this TOCTOU after 3.8.0).
        outstanding.Add(node with { Zxid = zxid, Stat = stat with { Aversion = newVersion }, Acl = acl });
        return new SetAclTxn(path, acl, newVersion);
    }

    private TxnBody PrepareCheck(CheckVersionRequest request, SessionContext session)
    {
        checkSession(session);
        var path = request.Path;
        ValidatePath(path);
        var node = GetRecord(path);
        CheckAcl(node.Acl, Perms.Read, session);
        return new CheckVersionTxn(path, CheckAndIncVersion(node.Stat!.Value.Version, request.Version, path));
    }

    /// <summary>closeSession: the session's ephemerals in the tree, adjusted by outstanding creates and deletes.</summary>
    public CloseSessionTxn PrepareCloseSession(long sessionId, long zxid)
    {
        // The same set operations as PrepRequestProcessor on a java.util.HashSet, so the txn lists the paths in
        // ZooKeeper's order.
        var set = tree.GetEphemerals(sessionId);
        foreach (var change in outstanding.InOrder)
        {
            if (change.Stat is null)
                set.Remove(change.Path);
            else if (change.Stat.Value.EphemeralOwner == sessionId)
                set.Add(change.Path);
        }
        var paths = set.ToList();
        foreach (var path in paths)
            outstanding.Add(new ChangeRecord(zxid, path, null, 0, null, null));
        return new CloseSessionTxn(paths);
    }

    /// <summary>The decoder marks a null buffer with <see cref="JuteBuffers.Null"/>; the tree and the txn log keep a real null.</summary>
    private static byte[]? StoredData(byte[]? data) => JuteBuffers.IsNull(data) ? null : data;

    private void CheckAcl(IReadOnlyList<Acl>? acl, Perms perm, SessionContext session)
    {
        if (!AclChecks.IsAllowed(acl, perm, session.AuthInfo, options.SkipAcl))
            throw new KeeperException(ErrorCode.NoAuth);
    }

    private static void ValidatePath(string path)
    {
        if (!PathUtils.IsValid(path))
            throw new KeeperException(ErrorCode.BadArguments, path);
    }

    /// <summary>validatePathForCreate: only the last slash and NULs are checked here; the full path is validated after the sequence suffix.</summary>
    private static string ParentForCreate(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash == -1 || path.Contains('\0'))
            throw new KeeperException(ErrorCode.BadArguments, path);
        return path[..slash];
    }

    /// <summary>getParentPathAndValidate: also refuses the root and the /zookeeper nodes.</summary>
    private static string ParentForDelete(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash == -1 || path.Contains('\0') || DataTree.IsSpecialPath(path))
            throw new KeeperException(ErrorCode.BadArguments, path);
        return path[..slash];
    }

    /// <summary>-1 skips the check; the next version skips -1 (ZOOKEEPER-4743) so it never means "any".</summary>
    private static int CheckAndIncVersion(int current, int expected, string path)
    {
        if (expected != -1 && expected != current)
            throw new KeeperException(ErrorCode.BadVersion, path);
        var next = unchecked(current + 1);
        return next == -1 ? 0 : next;
    }

    private ChangeRecord GetRecord(string path) =>
        GetRecordOrNull(path) ?? throw new KeeperException(ErrorCode.NoNode, path);

    private ChangeRecord? GetRecordOrNull(string path)
    {
        var change = outstanding.Get(path);
        if (change is null)
        {
            var node = tree.GetNode(path);
            if (node is null)
                return null;
            return new ChangeRecord(-1, path, node.Stat, node.ChildCount, tree.AclOf(node), node.Data);
        }
        return change.Stat is null ? null : change;
    }
}
