using AkkaZk.Data.Txns;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Data;

public sealed partial class ZkDatabase
{
    /// <summary>What DataTree.processTxn reports for one txn or sub-txn.</summary>
    private sealed record TxnResult(OpCode Type, ErrorCode Err, string? Path, Stat? Stat, List<TxnResult>? Multi);

    /// <summary>
    /// Applies a committed txn in zxid order (DataTree.processTxn) and builds the requester's reply the way
    /// FinalRequestProcessor does, plus the notifications the change fired (only to watchers allowed to READ the node).
    /// </summary>
    public ApplyResult Apply(Txn txn)
    {
        var header = txn.Header;
        var result = Process(header, txn.Body);
        _outstanding.RemoveUpTo(header.Zxid);
        switch (header.Type)
        {
            case OpCode.CreateSession when txn.Body is CreateSessionTxn create:
                _sessions[header.ClientId] = create.TimeOut;
                _preparedSessions.Remove(header.ClientId);
                break;
            case OpCode.CloseSession:
                _sessions.Remove(header.ClientId);
                _preparedSessions.Remove(header.ClientId);
                _closingSessions.Remove(header.ClientId);
                _owners.Remove(header.ClientId);
                break;
        }
        if (header.Zxid > LastProcessedZxid)
            LastProcessedZxid = header.Zxid;
        var notifications = Deliverable(Tree.DrainFired());
        var (err, response) = Reply(header.Type, result);
        return new ApplyResult(header.Zxid, err, response, notifications);
    }

    private TxnResult Process(TxnHeader header, TxnBody? body)
    {
        string? path = null;
        try
        {
            switch (header.Type)
            {
                case OpCode.Create:
                case OpCode.Create2:
                    var create = (CreateTxn)body!;
                    path = create.Path;
                    var owner = create.Ephemeral ? header.ClientId : 0;
                    var stat = Tree.CreateNode(create.Path, create.Data, create.Acl, owner, create.ParentCVersion, header.Zxid, header.Time);
                    return new TxnResult(header.Type, ErrorCode.Ok, path, header.Type == OpCode.Create2 ? stat : null, null);
                case OpCode.CreateTtl:
                    var ttl = (CreateTtlTxn)body!;
                    path = ttl.Path;
                    return new TxnResult(header.Type, ErrorCode.Ok, path,
                        Tree.CreateNode(ttl.Path, ttl.Data, ttl.Acl, EphemeralOwner.ForTtl(ttl.Ttl), ttl.ParentCVersion, header.Zxid, header.Time), null);
                case OpCode.CreateContainer:
                    var container = (CreateContainerTxn)body!;
                    path = container.Path;
                    return new TxnResult(header.Type, ErrorCode.Ok, path,
                        Tree.CreateNode(container.Path, container.Data, container.Acl, EphemeralOwner.Container, container.ParentCVersion, header.Zxid, header.Time), null);
                case OpCode.Delete:
                case OpCode.DeleteContainer:
                    path = ((DeleteTxn)body!).Path;
                    Tree.DeleteNode(path, header.Zxid);
                    return new TxnResult(header.Type, ErrorCode.Ok, path, null, null);
                case OpCode.SetData:
                case OpCode.Reconfig:
                    var set = (SetDataTxn)body!;
                    path = set.Path;
                    return new TxnResult(header.Type, ErrorCode.Ok, path, Tree.SetData(set.Path, set.Data, set.Version, header.Zxid, header.Time), null);
                case OpCode.SetAcl:
                    var setAcl = (SetAclTxn)body!;
                    path = setAcl.Path;
                    return new TxnResult(header.Type, ErrorCode.Ok, path, Tree.SetAcl(setAcl.Path, setAcl.Acl, setAcl.Version), null);
                case OpCode.CloseSession:
                    Tree.KillSession(header.ClientId, header.Zxid, (body as CloseSessionTxn)?.Paths2Delete);
                    return new TxnResult(header.Type, ErrorCode.Ok, null, null, null);
                case OpCode.Error:
                    return new TxnResult(header.Type, ((ErrorTxn)body!).Err, null, null, null);
                case OpCode.Check:
                    return new TxnResult(header.Type, ErrorCode.Ok, ((CheckVersionTxn)body!).Path, null, null);
                case OpCode.Multi:
                    return ProcessMulti(header, (MultiTxn)body!);
                default:
                    return new TxnResult(header.Type, ErrorCode.Ok, null, null, null);
            }
        }
        catch (KeeperException e) when (e.Code == ErrorCode.NodeExists && ParentCVersionOf(body) is { } parentCVersion)
        {
            // Replaying onto a fuzzy snapshot that already holds the node: the parent's cversion and pzxid must
            // still move on (DataTree.processTxn's setCversionPzxid).
            Tree.SetCversionPzxid(PathUtils.ParentOf(path!), parentCVersion, header.Zxid);
            return new TxnResult(header.Type, e.Code, path, null, null);
        }
        catch (KeeperException e)
        {
            return new TxnResult(header.Type, e.Code, path, null, null);
        }
    }

    private static int? ParentCVersionOf(TxnBody? body) => body switch
    {
        CreateTxn create => create.ParentCVersion,
        CreateTtlTxn ttl => ttl.ParentCVersion,
        CreateContainerTxn container => container.ParentCVersion,
        _ => null,
    };

    /// <summary>
    /// A multi whose prep failed carries an Error sub-txn: then nothing is applied, ops before it report Ok(0) and
    /// ops after it RuntimeInconsistency, each as an error result.
    /// </summary>
    private TxnResult ProcessMulti(TxnHeader header, MultiTxn multi)
    {
        var failed = multi.Txns.Any(t => t.Type == OpCode.Error);
        var afterFailure = false;
        var results = new List<TxnResult>(multi.Txns.Count);
        var err = ErrorCode.Ok;
        foreach (var sub in multi.Txns)
        {
            var type = sub.Type;
            var body = sub.Body;
            if (type == OpCode.Error)
                afterFailure = true;
            if (failed && type != OpCode.Error)
            {
                body = new ErrorTxn(afterFailure ? ErrorCode.RuntimeInconsistency : ErrorCode.Ok);
                type = OpCode.Error;
            }
            var result = Process(header with { Type = type }, body);
            results.Add(result);
            if (result.Err != ErrorCode.Ok && err == ErrorCode.Ok)
                err = result.Err;
        }
        return new TxnResult(OpCode.Multi, err, null, null, results);
    }

    /// <summary>FinalRequestProcessor's reply for a write, by the txn's type. A multi's header err is always 0.</summary>
    private (ErrorCode, ZkResponse?) Reply(OpCode type, TxnResult result)
    {
        if (type == OpCode.Multi)
            return (ErrorCode.Ok, new MultiResponse(result.Multi!.Select(MultiResultOf).ToList()));
        if (result.Err != ErrorCode.Ok)
            return (result.Err, null);
        ZkResponse? response = type switch
        {
            OpCode.Create => new CreateResponse(result.Path!),
            OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer => new Create2Response(result.Path!, result.Stat!.Value),
            OpCode.SetData or OpCode.SetAcl => new StatResponse(result.Stat!.Value),
            OpCode.Reconfig => ConfigReply(),
            OpCode.CreateSession => null,
            _ => EmptyResponse.Instance,
        };
        return (ErrorCode.Ok, response);
    }

    private GetDataResponse ConfigReply()
    {
        var node = Tree.GetNode(DataTree.ConfigPath)!;
        return new GetDataResponse(node.Data ?? JuteBuffers.Null, Tree.StatOf(node));
    }

    private static MultiResult MultiResultOf(TxnResult result) => result.Err != ErrorCode.Ok ? ErrorResult(result.Err) : result.Type switch
    {
        OpCode.Check => new MultiResult(OpCode.Check, ErrorCode.Ok, null),
        OpCode.Create => new MultiResult(OpCode.Create, ErrorCode.Ok, new CreateResponse(result.Path!)),
        OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer =>
            new MultiResult(OpCode.Create2, ErrorCode.Ok, new Create2Response(result.Path!, result.Stat!.Value)),
        OpCode.Delete or OpCode.DeleteContainer => new MultiResult(OpCode.Delete, ErrorCode.Ok, null),
        OpCode.SetData => new MultiResult(OpCode.SetData, ErrorCode.Ok, new StatResponse(result.Stat!.Value)),
        _ => ErrorResult(result.Err),
    };

    private static MultiResult ErrorResult(ErrorCode err) => new(OpCode.Error, err, new ErrorResponse(err));
}
