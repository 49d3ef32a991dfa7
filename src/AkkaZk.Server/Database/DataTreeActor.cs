using Akka.Actor;
using Akka.Event;
using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using AkkaZk.QuorumPeer;
using static AkkaZk.Database.DataTreeProtocol;

namespace AkkaZk.Database;

/// <summary>
/// Owns the in-memory database (ZooKeeper's ZKDatabase) and runs the request pipeline: prep (zxid + txn) →
/// txn-log (durable; in an ensemble also acknowledged by a quorum) → apply → reply. Reads of a session wait until
/// every earlier write of that session has been applied, so each session sees its own writes in order (FIFO
/// client order). A standalone node serves at once; an ensemble member serves only while its Zab role says so
/// (see DataTreeActor.Replication.cs).
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

    /// <summary>Work waiting on one session's earlier writes: the xids of its writes in flight, and the requests behind them.</summary>
    private sealed class SessionQueue
    {
        public readonly Queue<object> Items = new();
    }

    /// <summary>A txn on its way to the tree: what to answer once it is durable (and, in an ensemble, committed).</summary>
    private sealed class InFlight(Txn txn, Submit? request, IActorRef? sessionReplyTo)
    {
        public Txn Txn { get; } = txn;
        public Submit? Request { get; } = request;
        public IActorRef? SessionReplyTo { get; } = sessionReplyTo;
        public byte[] Bytes { get; init; } = TxnBytes.Encode(txn);
        public bool Logged { get; set; }

        /// <summary>Applied to the tree (in an ensemble possibly before <see cref="Logged"/>).</summary>
        public bool Applied { get; set; }
        public long Zxid => Txn.Header.Zxid;
    }

    private void Serving()
    {
        Receive<Submit>(OnSubmit);
        SessionTxnReceives();
        Receive<TxnLog.TxnLogProtocol.Appended>(appended =>
        {
            _inFlight--;
            ApplyTxn((InFlight)appended.Context!);
        });
        Receive<CheckContainers>(_ => PurgeContainers());
        CommonReceives();
    }

    /// <summary>Session create and expiry from the session tracker, prepared as txns (standalone node or leader).</summary>
    private void SessionTxnReceives()
    {
        Receive<CreateSession>(create => Prepare(_db.PrepareCreateSession(create.SessionId, 0, create.TimeoutMs, NextZxid(), Now()), null, create.ReplyTo));
        Receive<CloseSession>(close => Prepare(_db.PrepareCloseSession(close.SessionId, 0, NextZxid(), Now()), null, null));
    }

    /// <summary>What every state answers: watcher routing, figures, dumps.</summary>
    private void CommonReceives()
    {
        Receive<RegisterWatcher>(r => _watchers[r.WatcherId] = r.Connection);
        Receive<UnregisterWatcher>(u =>
        {
            _watchers.Remove(u.WatcherId);
            _watcherSessions.Remove(u.WatcherId);
            _db.RemoveWatcher(u.WatcherId);
        });
        Receive<GetLastZxid>(_ => Sender.Tell(new LastZxid(_db.LastProcessedZxid, IsServing, _settings.ReadOnly?.Active == true)));
        Receive<GetStats>(_ => Sender.Tell(BuildStats()));
        Receive<GetText>(get => Sender.Tell(new Text(DescribeText(get.Command))));
        Receive<CheckContainers>(_ => { }); // only a serving leader (or a standalone node) reaps containers
        Receive<SetSessionOwner>(_ => { }); // owners matter to a leader only
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
            QueueFor(sessionId).Items.Enqueue(submit.Xid);
            PrepareRequest(submit.Session, submit.Xid, submit.Type, submit.Request, submit);
            return;
        }
        if (_sessionQueues.TryGetValue(sessionId, out var queue) && queue.Items.Count > 0)
        {
            queue.Items.Enqueue(submit);
            return;
        }
        AnswerRead(submit);
    }

    /// <summary>ZooKeeper's PrepRequestProcessor: the next zxid and the txn (an error txn when the request fails).</summary>
    private void PrepareRequest(SessionContext session, int xid, OpCode type, ZkRequest request, Submit? submit)
    {
        var zxid = NextZxid();
        var txn = type == OpCode.CloseSession
            ? _db.PrepareCloseSession(session.SessionId, xid, zxid, Now())
            : _db.Prepare(session, xid, type, request, zxid, Now());
        if (type == OpCode.CloseSession)
            TellSessions(new Sessions.SessionsProtocol.SessionClosing(session.SessionId));
        Prepare(txn, submit, null);
    }

    private long NextZxid() => ++_lastPreparedZxid;

    /// <summary>
    /// PrepRequestProcessor checks the session of the leader's own reads and syncs too: one owned by another server
    /// is answered SessionMoved, which closes the connection (the client moved on elsewhere).
    /// </summary>
    private bool SessionMovedAway(Submit submit)
    {
        if (_db.CheckSession(submit.Session) != ErrorCode.SessionMoved)
            return false;
        submit.ReplyTo.Tell(new Reply(submit.Xid, submit.Type, _db.LastProcessedZxid, ErrorCode.SessionMoved, null));
        return true;
    }

    private void AnswerRead(Submit submit)
    {
        // sync is answered here once this server has applied everything before it (see the replication states)
        var result = _db.Read(submit.Session, submit.Type, submit.Request, submit.WatcherId);
        Deliver(result.Notifications);
        submit.ReplyTo.Tell(new Reply(submit.Xid, submit.Type, _db.LastProcessedZxid, result.Err, result.Response));
    }

    /// <summary>A prepared txn goes to the txn log (standalone) or to the log and the followers (leader).</summary>
    private void Prepare(Txn txn, Submit? request, IActorRef? sessionReplyTo)
    {
        var inFlight = new InFlight(txn, request, sessionReplyTo);
        if (_role is null)
        {
            Append(inFlight);
            return;
        }
        _pending.Add(inFlight.Zxid, inFlight);
        Append(inFlight);
        _role.Tell(new ReplicationProtocol.Proposed(inFlight.Zxid, inFlight.Bytes));
    }

    private void Append(InFlight inFlight)
    {
        _inFlight++;
        _txnLog.Tell(new TxnLog.TxnLogProtocol.Append(inFlight.Zxid, inFlight.Bytes, inFlight));
    }

    /// <summary>ZooKeeper's FinalRequestProcessor: apply a durable (and committed) txn, fire watches, answer.</summary>
    private void ApplyTxn(InFlight inFlight)
    {
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
            DrainAfterWrite(request.Session.SessionId, request.Xid);
        }
        if (_settings.Ensemble)
            AfterReplicatedApply(inFlight);
        MaybeSnapshot();
    }

    /// <summary>The session's oldest write (or sync) is done: answer the reads queued behind it, up to its next write.</summary>
    private void DrainAfterWrite(long sessionId, int xid)
    {
        if (!_sessionQueues.TryGetValue(sessionId, out var queue))
            return;
        if (queue.Items.Count > 0 && queue.Items.Peek() is int head && head == xid)
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
