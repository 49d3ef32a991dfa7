using Akka.Actor;
using Akka.Event;
using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using AkkaZk.QuorumPeer;
using static AkkaZk.Database.DataTreeProtocol;

namespace AkkaZk.Database;

/// <summary>
/// Owns the in-memory database (ZooKeeper's ZKDatabase) and runs the standalone request pipeline:
/// prep (zxid + txn) → txn-log (durable) → apply → reply. Reads of a session wait until every earlier
/// write of that session has been applied, so each session sees its own writes in order (FIFO client order).
/// </summary>
internal sealed partial class DataTreeActor : ReceiveActor, IWithTimers
{
    private readonly DataTreeSettings _settings;
    private readonly IActorRef _txnLog;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, IActorRef> _watchers = [];
    private readonly Dictionary<long, SessionQueue> _sessionQueues = [];
    private ZkDatabase _db;
    private long _lastPreparedZxid;
    private int _inFlight;

    public ITimerScheduler Timers { get; set; } = null!;

    public DataTreeActor(DataTreeSettings settings, IActorRef txnLog)
    {
        _settings = settings;
        _txnLog = txnLog;
        _db = new ZkDatabase(settings.Database);
        Recovering();
    }

    /// <summary>Work waiting on one session's earlier writes.</summary>
    private sealed class SessionQueue
    {
        public readonly Queue<object> Items = new();
    }

    /// <summary>A write waiting for the txn log: what to do once it is durable.</summary>
    private sealed record InFlight(Txn Txn, Submit? Request, IActorRef? SessionReplyTo);

    private void Serving()
    {
        Receive<Submit>(OnSubmit);
        Receive<CreateSession>(create =>
        {
            var zxid = ++_lastPreparedZxid;
            var txn = _db.PrepareCreateSession(create.SessionId, 0, create.TimeoutMs, zxid, Now());
            Append(new InFlight(txn, null, create.ReplyTo));
        });
        Receive<CloseSession>(close =>
        {
            var zxid = ++_lastPreparedZxid;
            var txn = _db.PrepareCloseSession(close.SessionId, 0, zxid, Now());
            Append(new InFlight(txn, null, null));
        });
        Receive<TxnLog.TxnLogProtocol.Appended>(OnAppended);
        Receive<RegisterWatcher>(r => _watchers[r.WatcherId] = r.Connection);
        Receive<UnregisterWatcher>(u =>
        {
            _watchers.Remove(u.WatcherId);
            _watcherSessions.Remove(u.WatcherId);
            _db.RemoveWatcher(u.WatcherId);
        });
        Receive<GetLastZxid>(_ => Sender.Tell(new LastZxid(_db.LastProcessedZxid)));
        Receive<GetStats>(_ => Sender.Tell(BuildStats()));
        Receive<GetText>(get => Sender.Tell(new Text(DescribeText(get.Command))));
        Receive<CheckContainers>(_ => PurgeContainers());
        SnapshotReplies();
    }

    private void OnSubmit(Submit submit)
    {
        var sessionId = submit.Session.SessionId;
        _watcherSessions[submit.WatcherId] = sessionId;
        // Notifications are filtered by the watcher's READ permission, so the tree must know its current ids.
        _db.SetWatcherAuth(submit.WatcherId, submit.Session.AuthInfo);
        if (RequestKinds.IsWrite(submit.Type))
        {
            var zxid = ++_lastPreparedZxid;
            var txn = submit.Type == OpCode.CloseSession
                ? _db.PrepareCloseSession(sessionId, submit.Xid, zxid, Now())
                : _db.Prepare(submit.Session, submit.Xid, submit.Type, submit.Request, zxid, Now());
            QueueFor(sessionId).Items.Enqueue(zxid);
            Append(new InFlight(txn, submit, null));
            return;
        }
        if (_sessionQueues.TryGetValue(sessionId, out var queue) && queue.Items.Count > 0)
        {
            queue.Items.Enqueue(submit);
            return;
        }
        AnswerRead(submit);
    }

    private void AnswerRead(Submit submit)
    {
        // sync is a read here: in a standalone server this node is the leader, so it is already in sync.
        var result = _db.Read(submit.Session, submit.Type, submit.Request, submit.WatcherId);
        Deliver(result.Notifications);
        submit.ReplyTo.Tell(new Reply(submit.Xid, submit.Type, _db.LastProcessedZxid, result.Err, result.Response));
    }

    private void Append(InFlight inFlight)
    {
        _inFlight++;
        var bytes = TxnBytes.Encode(inFlight.Txn);
        _txnLog.Tell(new TxnLog.TxnLogProtocol.Append(inFlight.Txn.Header.Zxid, bytes, inFlight));
    }

    private void OnAppended(TxnLog.TxnLogProtocol.Appended appended)
    {
        _inFlight--;
        var inFlight = (InFlight)appended.Context!;
        var result = _db.Apply(inFlight.Txn);
        Deliver(result.Notifications);
        if (inFlight.SessionReplyTo is { } sessionReplyTo)
        {
            var header = inFlight.Txn.Header;
            sessionReplyTo.Tell(new SessionCreated(header.ClientId, _db.Sessions.GetValueOrDefault(header.ClientId), header.Zxid));
        }
        if (inFlight.Request is { } request)
        {
            request.ReplyTo.Tell(new Reply(request.Xid, request.Type, result.Zxid, result.Err, result.Response));
            DrainAfterWrite(request.Session.SessionId, result.Zxid);
        }
        MaybeSnapshot();
    }

    /// <summary>The session's oldest write is applied: answer the reads queued behind it, up to its next write.</summary>
    private void DrainAfterWrite(long sessionId, long zxid)
    {
        if (!_sessionQueues.TryGetValue(sessionId, out var queue))
            return;
        if (queue.Items.Count > 0 && queue.Items.Peek() is long head && head == zxid)
            queue.Items.Dequeue();
        while (queue.Items.Count > 0 && queue.Items.Peek() is Submit read)
        {
            queue.Items.Dequeue();
            AnswerRead(read);
        }
        if (queue.Items.Count == 0)
            _sessionQueues.Remove(sessionId);
    }

    private SessionQueue QueueFor(long sessionId)
    {
        if (!_sessionQueues.TryGetValue(sessionId, out var queue))
            _sessionQueues[sessionId] = queue = new SessionQueue();
        return queue;
    }

    private void Deliver(IReadOnlyList<WatchNotification> notifications)
    {
        foreach (var n in notifications)
        {
            if (_watchers.TryGetValue(n.WatcherId, out var connection))
                connection.Tell(new Notify(n.Event));
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static Props Props(DataTreeSettings settings, IActorRef txnLog) =>
        Akka.Actor.Props.Create(() => new DataTreeActor(settings, txnLog));

    private void ReportReady() => Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.DataTree));
}
