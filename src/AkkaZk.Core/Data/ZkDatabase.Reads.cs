using AkkaZk.Data.Auth;
using AkkaZk.Data.Watches;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Data;

public sealed partial class ZkDatabase
{
    /// <summary>
    /// Serves a read (FinalRequestProcessor) from the tree. <paramref name="watcherId"/> is the connection that
    /// receives notifications for any watch the read sets.
    /// </summary>
    public ReadResult Read(SessionContext session, OpCode type, ZkRequest request, long watcherId)
    {
        SetWatcherAuth(watcherId, session.AuthInfo);
        var immediate = new List<WatchNotification>();
        try
        {
            var response = ReadOp(session, type, request, watcherId, immediate);
            return new ReadResult(ErrorCode.Ok, response, immediate);
        }
        catch (KeeperException e)
        {
            return new ReadResult(e.Code, null, immediate);
        }
        catch (InvalidCastException)
        {
            return new ReadResult(ErrorCode.MarshallingError, null, immediate);
        }
    }

    private ZkResponse ReadOp(SessionContext session, OpCode type, ZkRequest request, long watcherId, List<WatchNotification> immediate)
    {
        switch (type)
        {
            case OpCode.Exists:
                var exists = (ExistsRequest)request;
                if (exists.Path.Contains('\0'))
                    throw new KeeperException(ErrorCode.BadArguments);
                // The exist watch is set even when the node is missing: it then waits for NodeCreated.
                if (exists.Watch)
                    Watches.DataWatches.Add(exists.Path, watcherId);
                var existing = Tree.GetNode(exists.Path) ?? throw new KeeperException(ErrorCode.NoNode);
                return new StatResponse(Tree.StatOf(existing));
            case OpCode.GetData:
                return GetData((GetDataRequest)request, session, watcherId);
            case OpCode.GetChildren:
                return new GetChildrenResponse(GetChildren((GetChildrenRequest)request, session, watcherId, out _));
            case OpCode.GetChildren2:
                var children = GetChildren((GetChildrenRequest)request, session, watcherId, out var stat);
                return new GetChildren2Response(children, stat);
            case OpCode.GetAcl:
                return GetAcl(((GetAclRequest)request).Path, session);
            case OpCode.GetAllChildrenNumber:
                var countPath = ((GetAllChildrenNumberRequest)request).Path;
                ReadableNode(countPath, session);
                return new GetAllChildrenNumberResponse(Tree.AllChildrenNumber(countPath));
            case OpCode.GetEphemerals:
                return new GetEphemeralsResponse(Ephemerals(session.SessionId, ((GetEphemeralsRequest)request).PrefixPath));
            case OpCode.MultiRead:
                return MultiRead((MultiRequest)request, session, watcherId);
            case OpCode.CheckWatches:
                var check = (CheckWatchesRequest)request;
                if (!IsWatcherTypeOf38(check.Type))
                    throw new KeeperException(ErrorCode.MarshallingError);
                if (!Watches.Contains(check.Path, check.Type, watcherId))
                    throw new KeeperException(ErrorCode.NoWatcher, check.Path);
                return EmptyResponse.Instance;
            case OpCode.RemoveWatches:
                var remove = (RemoveWatchesRequest)request;
                if (!IsWatcherTypeOf38(remove.Type))
                    throw new KeeperException(ErrorCode.MarshallingError);
                if (!Watches.Remove(remove.Path, remove.Type, watcherId))
                    throw new KeeperException(ErrorCode.NoWatcher, remove.Path);
                return EmptyResponse.Instance;
            case OpCode.AddWatch:
                var add = (AddWatchRequest)request;
                if (!Enum.IsDefined(add.Mode))
                    throw new KeeperException(ErrorCode.MarshallingError);
                Watches.AddPersistent(add.Path, watcherId, add.Mode);
                return new ErrorResponse(ErrorCode.Ok);
            case OpCode.SetWatches:
            case OpCode.SetWatches2:
                SetWatches((SetWatchesRequest)request, watcherId, immediate);
                return EmptyResponse.Instance;
            case OpCode.WhoAmI:
                return new WhoAmIResponse(session.AuthInfo.Select(id => new ClientInfo(id.Scheme, AuthProviders.UserName(id))).ToList());
            case OpCode.Sync:
                return new SyncResponse(((SyncRequest)request).Path);
            default:
                throw new KeeperException(ErrorCode.Unimplemented);
        }
    }

    /// <summary>ZooKeeper 3.8's WatcherType knows Children, Data and Any; 3.9 added the persistent types.</summary>
    private static bool IsWatcherTypeOf38(WatcherType type) => type is WatcherType.Children or WatcherType.Data or WatcherType.Any;

    private GetDataResponse GetData(GetDataRequest request, SessionContext session, long watcherId)
    {
        var node = ReadableNode(request.Path, session);
        if (request.Watch)
            Watches.DataWatches.Add(request.Path, watcherId);
        // Null data goes back as null (a -1 length on the wire), as ZooKeeper returns it.
        return new GetDataResponse(node.Data ?? JuteBuffers.Null, Tree.StatOf(node));
    }

    private List<string> GetChildren(GetChildrenRequest request, SessionContext session, long watcherId, out Stat stat)
    {
        var node = ReadableNode(request.Path, session);
        stat = Tree.StatOf(node);
        if (request.Watch)
            Watches.ChildWatches.Add(request.Path, watcherId);
        return [.. node.Children];
    }

    /// <summary>getACL needs READ or ADMIN; without ADMIN, digest ids come back as user:x.</summary>
    private GetAclResponse GetAcl(string path, SessionContext session)
    {
        var node = Tree.GetNode(path) ?? throw new KeeperException(ErrorCode.NoNode, path);
        var acl = Tree.AclOf(node);
        if (!AclChecks.IsAllowed(acl, Perms.Read | Perms.Admin, session.AuthInfo, Options.SkipAcl))
            throw new KeeperException(ErrorCode.NoAuth, path);
        var stat = Tree.StatOf(node);
        if (AclChecks.IsAllowed(acl, Perms.Admin, session.AuthInfo, Options.SkipAcl))
            return new GetAclResponse(acl, stat);
        var masked = acl.Select(a => a.Id.Scheme == DigestAuth.Scheme ? a with { Id = a.Id with { Ident = MaskDigest(a.Id.Ident) } } : a).ToList();
        return new GetAclResponse(masked, stat);
    }

    private static string MaskDigest(string id)
    {
        var colon = id.IndexOf(':');
        return colon < 0 ? id : id[..colon] + ":x";
    }

    private DataNode ReadableNode(string path, SessionContext session)
    {
        var node = Tree.GetNode(path) ?? throw new KeeperException(ErrorCode.NoNode, path);
        if (!AclChecks.IsAllowed(Tree.AclOf(node), Perms.Read, session.AuthInfo, Options.SkipAcl))
            throw new KeeperException(ErrorCode.NoAuth, path);
        return node;
    }

    private List<string> Ephemerals(long sessionId, string? prefix)
    {
        var all = Tree.GetEphemerals(sessionId);
        if (string.IsNullOrWhiteSpace(prefix) || prefix.Trim() == "/")
            return [.. all];
        return all.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>multiRead: not atomic; each op reports its own result or error.</summary>
    private MultiResponse MultiRead(MultiRequest request, SessionContext session, long watcherId)
    {
        var results = new List<MultiResult>(request.Ops.Count);
        foreach (var op in request.Ops)
        {
            try
            {
                results.Add(op.Type switch
                {
                    OpCode.GetChildren => new MultiResult(OpCode.GetChildren, ErrorCode.Ok,
                        new GetChildrenResponse(GetChildren((GetChildrenRequest)op.Request, session, watcherId, out _))),
                    OpCode.GetData => new MultiResult(OpCode.GetData, ErrorCode.Ok, GetData((GetDataRequest)op.Request, session, watcherId)),
                    _ => throw new InvalidCastException("Invalid type of op"),
                });
            }
            catch (KeeperException e)
            {
                results.Add(new MultiResult(OpCode.Error, e.Code, new ErrorResponse(e.Code)));
            }
        }
        return new MultiResponse(results);
    }

    /// <summary>
    /// DataTree.setWatches on reconnect: events the client missed since relativeZxid fire at once (without the
    /// READ check), the rest are re-registered; persistent watches are always re-registered.
    /// </summary>
    private void SetWatches(SetWatchesRequest request, long watcherId, List<WatchNotification> immediate)
    {
        void Fire(EventType type, string path) =>
            immediate.Add(new WatchNotification(watcherId, new WatcherEvent(type, KeeperState.SyncConnected, path)));

        foreach (var path in request.DataWatches)
        {
            var node = Tree.GetNode(path);
            if (node is null)
                Fire(EventType.NodeDeleted, path);
            else if (node.Stat.Mzxid > request.RelativeZxid)
                Fire(EventType.NodeDataChanged, path);
            else
                Watches.DataWatches.Add(path, watcherId);
        }
        foreach (var path in request.ExistWatches)
        {
            if (Tree.GetNode(path) is not null)
                Fire(EventType.NodeCreated, path);
            else
                Watches.DataWatches.Add(path, watcherId);
        }
        foreach (var path in request.ChildWatches)
        {
            var node = Tree.GetNode(path);
            if (node is null)
                Fire(EventType.NodeDeleted, path);
            else if (node.Stat.Pzxid > request.RelativeZxid)
                Fire(EventType.NodeChildrenChanged, path);
            else
                Watches.ChildWatches.Add(path, watcherId);
        }
        foreach (var path in request.PersistentWatches)
        {
            Watches.ChildWatches.Add(path, watcherId, WatcherMode.Persistent);
            Watches.DataWatches.Add(path, watcherId, WatcherMode.Persistent);
        }
        foreach (var path in request.PersistentRecursiveWatches)
            Watches.DataWatches.Add(path, watcherId, WatcherMode.PersistentRecursive);
    }
}
