using Akka.Actor;
using Akka.Event;
using AkkaZk.Data;
using AkkaZk.Data.Snapshots;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using AkkaZk.Quorum;
using AkkaZk.QuorumPeer;
using AkkaZk.Sessions;
using AkkaZk.TxnLog;
using static AkkaZk.Database.DataTreeProtocol;
using static AkkaZk.Database.ReplicationProtocol;

namespace AkkaZk.Database;

/// <summary>
/// The data tree of an ensemble member. Idle while LOOKING; as leader it prepares txns and proposes them through
/// the leader actor; as learner it logs the leader's proposals and forwards its clients' writes. Either way a txn
/// is applied, in zxid order, as soon as the leader has committed it: a quorum holds it, so this server applies it
/// even while its own log is still writing it (ZooKeeper's follower does too). What this server acknowledges, and
/// what a snapshot or the next election claims, is still only what its own log holds.
/// </summary>
internal sealed partial class DataTreeActor
{
    private readonly SortedDictionary<long, InFlight> _pending = [];
    private readonly Dictionary<(long Session, int Xid), Submit> _forwarded = [];
    private readonly Dictionary<long, IActorRef> _creatingSessions = [];
    private readonly Dictionary<long, Submit> _syncTokens = [];
    private readonly List<(long Zxid, Submit Sync)> _waitingSyncs = [];
    private readonly LinkedList<(long Zxid, byte[] Txn)> _committedLog = new();
    private IActorRef? _role;
    private bool _serving;
    private long _committedUpTo;
    private long _nextSyncToken;
    private long _lastProposalReceived;
    private IActorRef? _stopRequester;

    private bool IsServing => !_settings.Ensemble || _serving;

    /// <summary>LOOKING: no role, no clients; the tree is exactly what the log holds.</summary>
    private void Idle()
    {
        if (_settings.ReadOnly is { } readOnly)
            Timers.StartSingleTimer("read-only", StartReadOnly.Instance, readOnly.Delay);
        Receive<StartReadOnly>(_ =>
        {
            _settings.ReadOnly!.Active = true;
            _log.Info("no quorum: serving read-only clients at zxid 0x{0:x}", _db.LastProcessedZxid);
        });
        Receive<BecomeLeader>(become =>
        {
            LeaveReadOnly();
            _role = become.Leader;
            _db.ClearOwners();
            _lastPreparedZxid = Zxid.Make(become.Epoch, 0);
            _committedUpTo = _db.LastProcessedZxid;
            _log.Info("leading in epoch {0} from zxid 0x{1:x}", become.Epoch, _db.LastProcessedZxid);
            Become(Leading);
        });
        Receive<BecomeLearner>(become =>
        {
            LeaveReadOnly();
            _role = become.Learner;
            _committedUpTo = _db.LastProcessedZxid;
            Become(Learning);
        });
        Receive<StopRole>(_ => Sender.Tell(new RoleStopped(_db.LastProcessedZxid)));
        Receive<Submit>(OnReadOnlySubmit);
        CommonReceives();
    }

    /// <summary>ReadOnlyRequestProcessor: reads from this server's tree; every change (and sync) fails with NOTREADONLY.</summary>
    private void OnReadOnlySubmit(Submit submit)
    {
        if (_settings.ReadOnly?.Active != true)
            return; // a connection racing the close of all connections: it is being closed
        if (submit.Type == OpCode.CloseSession)
            submit.ReplyTo.Tell(new Reply(submit.Xid, submit.Type, _db.LastProcessedZxid, ErrorCode.Ok, EmptyResponse.Instance));
        else if (RequestKinds.IsWrite(submit.Type) || submit.Type == OpCode.Sync)
            submit.ReplyTo.Tell(new Reply(submit.Xid, submit.Type, _db.LastProcessedZxid, ErrorCode.NotReadOnly, null));
        else
            OnSubmit(submit);
    }

    /// <summary>The quorum is back: read-only clients must reconnect (and find a read-write server).</summary>
    private void LeaveReadOnly()
    {
        Timers.Cancel("read-only");
        if (_settings.ReadOnly is not { Active: true } readOnly)
            return;
        readOnly.Active = false;
        _log.Info("leaving read-only mode");
        Context.Parent.Tell(new QuorumPeerProtocol.Deliver(ActorNames.Clients, Clients.ClientsProtocol.CloseAllConnections.Instance));
    }

    private sealed class StartReadOnly
    {
        public static readonly StartReadOnly Instance = new();
    }

    private void Leading()
    {
        Receive<Submit>(submit =>
        {
            if (!RequestKinds.IsWrite(submit.Type) && SessionMovedAway(submit))
                return;
            if (submit.Type == OpCode.Sync)
                WaitForPrepared(submit);
            else
                OnSubmit(submit);
        });
        Receive<SetSessionOwner>(owner =>
        {
            if (!_db.SetOwner(owner.SessionId, owner.Owner))
                _log.Warning("session 0x{0:x} was revalidated but is unknown or closing here: no owner set", owner.SessionId);
        });
        SessionTxnReceives();
        Receive<ForwardedWrite>(w => PrepareRequest(w.Session, w.Xid, w.Type, w.Request, null));
        Receive<ForwardedCreateSession>(c => Prepare(_db.PrepareCreateSession(c.SessionId, 0, c.TimeoutMs, NextZxid(), Now(), c.Owner), null, null));
        Receive<PlanSync>(plan => Sender.Tell(PlanLearnerSync(plan)));
        Receive<CheckContainers>(_ =>
        {
            if (_serving)
                PurgeContainers();
        });
        ReplicatedReceives();
    }

    private void Learning()
    {
        Receive<Submit>(OnLearnerSubmit);
        Receive<CreateSession>(create =>
        {
            _creatingSessions[create.SessionId] = create.ReplyTo;
            _role!.Tell(new ForwardCreateSession(create.SessionId, create.TimeoutMs));
        });
        Receive<CloseSession>(_ => { }); // only the leader expires sessions
        Receive<Propose>(p => OnPropose(p.Zxid, p.Txn));
        Receive<InstallSnapshot>(OnInstallSnapshot);
        Receive<SyncReached>(reached =>
        {
            if (_syncTokens.Remove(reached.Token, out var sync))
                AnswerSyncAt(reached.Zxid, sync);
        });
        ReplicatedReceives();
    }

    /// <summary>What a leader and a learner share: logging, commits, serving, stepping down.</summary>
    private void ReplicatedReceives()
    {
        Receive<TxnLogProtocol.Appended>(appended =>
        {
            _inFlight--;
            var inFlight = (InFlight)appended.Context!;
            inFlight.Logged = true;
            // one acknowledgement per journal write: Logged(z) stands for every txn up to z
            if (appended.LastOfWrite)
                _role?.Tell(new Logged(inFlight.Zxid));
        });
        Receive<TxnLogProtocol.AppendRejected>(rejected =>
        {
            _inFlight--;
            if (StopIfApplied(rejected))
                return;
            _log.Error("txn 0x{0:x} was refused by the txn log ({1}); leaving the role", rejected.Zxid, rejected.Reason);
            _pending.Remove(rejected.Zxid);
            _role?.Tell(PoisonPill.Instance);
        });
        Receive<Committed>(committed =>
        {
            _committedUpTo = Math.Max(_committedUpTo, committed.Zxid);
            ApplyCommitted();
        });
        Receive<StartServing>(_ =>
        {
            _serving = true;
            _log.Info("serving clients at zxid 0x{0:x}", _db.LastProcessedZxid);
        });
        Receive<StopRole>(_ =>
        {
            _stopRequester = Sender;
            _serving = false;
            _role = null;
            Context.Parent.Tell(new QuorumPeerProtocol.Deliver(ActorNames.Clients, Clients.ClientsProtocol.CloseAllConnections.Instance));
            Become(Stopping);
            FinishStopWhenLogged();
        });
        CommonReceives();
    }

    /// <summary>
    /// Leaving a role: once every append is back, apply what is logged, as a restart would load it. Committed txns
    /// applied before their append came back are in the log by then: an append is answered once durable.
    /// </summary>
    private void Stopping()
    {
        Receive<TxnLogProtocol.Appended>(appended =>
        {
            _inFlight--;
            ((InFlight)appended.Context!).Logged = true;
            FinishStopWhenLogged();
        });
        Receive<TxnLogProtocol.AppendRejected>(rejected =>
        {
            _inFlight--;
            if (StopIfApplied(rejected))
                return;
            _pending.Remove(rejected.Zxid);
            FinishStopWhenLogged();
        });
        Receive<StopRole>(_ => _stopRequester = Sender);
        Receive<Submit>(_ => { });
        Receive<CreateSession>(_ => { });
        Receive<CloseSession>(_ => { });
        CommonReceives();
    }

    private void FinishStopWhenLogged()
    {
        if (_inFlight > 0)
            return;
        foreach (var inFlight in _pending.Values.Where(p => p.Logged).ToList())
            ApplyTxn(new InFlight(inFlight.Txn, null, null) { Bytes = inFlight.Bytes });
        _pending.Clear();
        _forwarded.Clear();
        _creatingSessions.Clear();
        _syncTokens.Clear();
        _waitingSyncs.Clear();
        _sessionQueues.Clear();
        _lastPreparedZxid = _db.LastProcessedZxid;
        _log.Info("left the role at zxid 0x{0:x}", _db.LastProcessedZxid);
        _stopRequester?.Tell(new RoleStopped(_db.LastProcessedZxid));
        _stopRequester = null;
        Become(Idle);
    }

    /// <summary>
    /// FollowerZooKeeperServer.commit: a committed txn is applied at once, logged here or not yet. Its proposal came
    /// first (Zab's FIFO channel), so it is in <see cref="_pending"/>, its append on its way to the log.
    /// </summary>
    private void ApplyCommitted()
    {
        while (_pending.Count > 0)
        {
            var (zxid, head) = _pending.First();
            if (zxid > _committedUpTo)
                return;
            _pending.Remove(zxid);
            head.Applied = true;
            ApplyTxn(head);
        }
    }

    /// <summary>
    /// The log refused a txn this server already applied: the tree holds what a restart would not load, and only a
    /// restart can mend that. ZooKeeper exits when its log fails; so does this node (the data tree's stop stops it).
    /// </summary>
    private bool StopIfApplied(TxnLogProtocol.AppendRejected rejected)
    {
        if (rejected.Context is not InFlight { Applied: true })
            return false;
        _log.Error("committed txn 0x{0:x}, already applied, was refused by the txn log ({1}); stopping the node", rejected.Zxid, rejected.Reason);
        Context.Stop(Self);
        return true;
    }

    /// <summary>After an ensemble member applied a txn: keep it for DIFF syncs, tell the sessions, answer waiting syncs.</summary>
    private void AfterReplicatedApply(InFlight inFlight)
    {
        RememberCommitted(inFlight.Zxid, inFlight.Bytes);
        var header = inFlight.Txn.Header;
        if (header.Type == OpCode.CreateSession && inFlight.Txn.Body is CreateSessionTxn create)
            TellSessions(new SessionsProtocol.SessionApplied(header.ClientId, create.TimeOut));
        else if (header.Type == OpCode.CloseSession)
            TellSessions(new SessionsProtocol.SessionEnded(header.ClientId));
        for (var i = _waitingSyncs.Count - 1; i >= 0; i--)
        {
            var (zxid, sync) = _waitingSyncs[i];
            if (zxid > _db.LastProcessedZxid)
                continue;
            _waitingSyncs.RemoveAt(i);
            AnswerSync(sync);
        }
    }

    private void SetEnsembleConfig()
    {
        if (_settings.ConfigData is { } config)
            _db.Tree.SetConfigData(config, Now());
    }

    private void RememberCommitted(long zxid, byte[] txn)
    {
        _committedLog.AddLast((zxid, txn));
        if (_committedLog.Count > _settings.CommittedLogSize)
            _committedLog.RemoveFirst();
    }

    private static void TellSessions(object message) =>
        Context.Parent.Tell(new QuorumPeerProtocol.Deliver(ActorNames.Sessions, message));

    /// <summary>Leader: sync answers once every txn prepared before it is applied (ZooKeeper holds it behind pending proposals).</summary>
    private void WaitForPrepared(Submit sync)
    {
        QueueFor(sync.Session.SessionId).Items.Enqueue(sync.Xid);
        AnswerSyncAt(_lastPreparedZxid, sync);
    }

    private void AnswerSyncAt(long zxid, Submit sync)
    {
        if (zxid <= _db.LastProcessedZxid)
            AnswerSync(sync);
        else
            _waitingSyncs.Add((zxid, sync));
    }

    private void AnswerSync(Submit sync)
    {
        AnswerRead(sync);
        DrainAfterWrite(sync.Session.SessionId, sync.Xid);
    }

    private void OnLearnerSubmit(Submit submit)
    {
        if (submit.Type == OpCode.Sync)
        {
            var token = ++_nextSyncToken;
            _syncTokens[token] = submit;
            QueueFor(submit.Session.SessionId).Items.Enqueue(submit.Xid);
            _role!.Tell(new ForwardSync(token));
            return;
        }
        if (!RequestKinds.IsWrite(submit.Type))
        {
            if (_pending.Count > 0 && !HasQueuedRequests(submit.Session.SessionId))
                HoldReadForProposals(submit);
            else
                OnSubmit(submit);
            return;
        }
        _watcherSessions[submit.WatcherId] = submit.Session.SessionId;
        _db.SetWatcherAuth(submit.WatcherId, submit.Session.AuthInfo);
        QueueFor(submit.Session.SessionId).Items.Enqueue(submit.Xid);
        _forwarded[(submit.Session.SessionId, submit.Xid)] = submit;
        _role!.Tell(new ForwardWrite(submit.Session, submit.Xid, submit.Type, submit.Request));
    }

    /// <summary>
    /// A read that arrives while proposals this follower received are not yet committed waits until the last of
    /// them is applied (or the role ends). ZooKeeper's leader applies a txn and answers its client only after its
    /// COMMIT left for the followers, so a client reading on a follower right after another's reply almost always
    /// sees the write there; over Akka.Remote a COMMIT takes more hops than that client's read, and the read would
    /// lose the race. The wait is at most one commit round, and only while writes are in flight.
    /// </summary>
    private void HoldReadForProposals(Submit read)
    {
        _watcherSessions[read.WatcherId] = read.Session.SessionId;
        _db.SetWatcherAuth(read.WatcherId, read.Session.AuthInfo);
        // the session's later requests queue behind it, as behind a sync
        QueueFor(read.Session.SessionId).Items.Enqueue(read.Xid);
        AnswerSyncAt(_lastProposalReceived, read);
    }

    private bool HasQueuedRequests(long sessionId) =>
        _sessionQueues.TryGetValue(sessionId, out var queue) && queue.Items.Count > 0;

    /// <summary>A proposal from the leader: log it; the client that asked for it here gets its answer when it is applied.</summary>
    private void OnPropose(long zxid, byte[] bytes)
    {
        var txn = TxnBytes.Decode(bytes);
        var header = txn.Header;
        _forwarded.Remove((header.ClientId, header.Cxid), out var request);
        IActorRef? sessionReplyTo = null;
        if (header.Type == OpCode.CreateSession)
            _creatingSessions.Remove(header.ClientId, out sessionReplyTo);
        var inFlight = new InFlight(txn, request, sessionReplyTo) { Bytes = bytes };
        _pending[zxid] = inFlight;
        _lastProposalReceived = zxid;
        Append(inFlight);
    }

    /// <summary>SNAP (also how this server is truncated): the leader's tree replaces ours, and the log restarts from it.</summary>
    private void OnInstallSnapshot(InstallSnapshot install)
    {
        _db = SnapshotCodec.Read(install.Data, _settings.Database);
        SetEnsembleConfig();
        _committedLog.Clear();
        _committedUpTo = install.Zxid;
        _lastPreparedZxid = install.Zxid;
        _installing = (install.Zxid, Sender);
        _txnLog.Tell(new TxnLogProtocol.Truncate(install.Zxid, install.Data));
        TellSessions(new SessionsProtocol.SessionsReplaced(new Dictionary<long, int>(_db.Sessions)));
        _log.Info("installed the leader's snapshot at zxid 0x{0:x}: {1} znodes, {2} sessions", install.Zxid, _db.Tree.NodeCount, _db.Sessions.Count);
    }

    private (long Zxid, IActorRef ReplyTo)? _installing;

    /// <summary>LearnerHandler.syncFollower: DIFF from the recent committed txns when they reach back far enough, else SNAP (TRUNC too).</summary>
    private SyncPlanned PlanLearnerSync(PlanSync request)
    {
        var lastZxid = _db.LastProcessedZxid;
        var plan = SyncDecision.Decide(new SyncInput(request.PeerLastZxid, lastZxid, _committedLog.Select(e => e.Zxid).ToList()));
        if (plan.Mode == SyncMode.Diff)
        {
            var wanted = plan.ProposalZxids.ToHashSet();
            var txns = _committedLog.Where(e => wanted.Contains(e.Zxid)).ToList();
            return new SyncPlanned(request.Sid, SyncMode.Diff, txns, null, lastZxid, plan.ForwardFrom);
        }
        // A learner ahead of our history (TRUNC) gets our tree too: installing it discards its extra txns for good.
        return new SyncPlanned(request.Sid, SyncMode.Snap, [], SnapshotCodec.Write(_db), lastZxid, lastZxid);
    }
}
