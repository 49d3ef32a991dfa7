using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AkkaZk.Database;
using AkkaZk.QuorumPeer;
using static AkkaZk.Sessions.SessionsProtocol;

namespace AkkaZk.Sessions;

/// <summary>
/// ZooKeeper's SessionTracker: hands out session ids, validates re-attach passwords, and expires sessions whose
/// clients stay silent past their timeout, through a closeSession txn that removes their ephemerals. In an ensemble
/// only the leader decides whether a session lives: a learner confirms every reconnect with it (REVALIDATE).
/// </summary>
internal sealed class SessionTracker : ReceiveActor, IWithTimers
{
    private sealed class Session(long id, int timeoutMs, bool local = false)
    {
        public bool Local { get; } = local;
        public long Id { get; } = id;
        public int TimeoutMs { get; } = timeoutMs;
        public long ExpiresAt { get; set; }
        public IActorRef? Holder { get; set; }

        /// <summary>Its closeSession is prepared (setSessionClosing): no reconnect revives it.</summary>
        public bool Closing { get; set; }
    }

    private readonly SessionSettings _settings;
    private readonly IActorRef _dataTree;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, Session> _sessions = [];
    private readonly Dictionary<long, Attach> _creating = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextSessionId;
    private bool _expiring;
    private readonly Dictionary<long, (Attach Attach, int TimeoutMs)> _revalidating = [];
    private IActorRef? _learner;
    private HashSet<long> _touched = [];

    public ITimerScheduler Timers { get; set; } = null!;

    public SessionTracker(SessionSettings settings, IActorRef dataTree)
    {
        _settings = settings;
        _dataTree = dataTree;
        _nextSessionId = SessionIds.InitialId(settings.ServerId, Environment.TickCount64);
        _expiring = !settings.Ensemble;
        Loading();
    }

    public static Props Props(SessionSettings settings, IActorRef dataTree) =>
        Akka.Actor.Props.Create(() => new SessionTracker(settings, dataTree));

    private long NowMs => _clock.ElapsedMilliseconds;

    protected override void PreStart() => _dataTree.Tell(DataTreeProtocol.GetStats.Instance);

    /// <summary>Sessions recovered with the database get a fresh timeout: their clients may still come back.</summary>
    private void Loading()
    {
        Receive<DataTreeProtocol.Stats>(stats =>
        {
            foreach (var (id, timeout) in stats.Sessions)
                _sessions[id] = new Session(id, timeout) { ExpiresAt = NowMs + timeout };
            if (_sessions.Count > 0)
                _log.Info("tracking {0} recovered sessions", _sessions.Count);
            Timers.StartPeriodicTimer("expiry", CheckExpiry.Instance, TimeSpan.FromMilliseconds(_settings.TickTimeMs));
            Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Sessions));
            Become(Tracking);
        });
    }

    private void Tracking()
    {
        Receive<Attach>(OnAttach);
        Receive<DataTreeProtocol.SessionCreated>(created =>
        {
            if (!_creating.Remove(created.SessionId, out var attach))
                return;
            var session = new Session(created.SessionId, created.TimeoutMs) { ExpiresAt = NowMs + created.TimeoutMs, Holder = attach.Connection };
            _sessions[session.Id] = session;
            attach.Connection.Tell(new Attached(session.Id, SessionIds.Password(session.Id), session.TimeoutMs, Created: true));
        });
        Receive<Touch>(touch =>
        {
            if (_sessions.TryGetValue(touch.SessionId, out var session))
                session.ExpiresAt = NowMs + session.TimeoutMs;
            if (_learner is not null)
                _touched.Add(touch.SessionId);
        });
        Receive<Detach>(detach =>
        {
            if (_sessions.TryGetValue(detach.SessionId, out var session) && Equals(session.Holder, detach.Connection))
            {
                if (session.Local)
                {
                    _sessions.Remove(session.Id);
                    return;
                }
                session.Holder = null;
                session.ExpiresAt = NowMs + session.TimeoutMs;
            }
        });
        Receive<Closed>(closed => _sessions.Remove(closed.SessionId));
        Receive<CheckExpiry>(_ =>
        {
            if (_expiring)
                ExpireSilentSessions();
            ReportTouches();
        });
        EnsembleReceives();
        Receive<GetSessions>(_ => Sender.Tell(_sessions.Values.Select(s => (s.Id, s.TimeoutMs)).ToArray()));
    }

    private void OnAttach(Attach attach)
    {
        var timeout = _settings.Negotiate(attach.RequestedTimeoutMs);
        if (attach.SessionId == 0 && attach.Local)
        {
            var local = new Session(_nextSessionId++, timeout, local: true) { ExpiresAt = NowMs + timeout, Holder = attach.Connection };
            _sessions[local.Id] = local;
            attach.Connection.Tell(new Attached(local.Id, SessionIds.Password(local.Id), local.TimeoutMs, Created: true));
            return;
        }
        if (attach.SessionId == 0)
        {
            var id = _nextSessionId++;
            _creating[id] = attach;
            _dataTree.Tell(new DataTreeProtocol.CreateSession(id, timeout, Self));
            return;
        }
        // ZooKeeperServer.processConnectRequest closes this server's connection of the session before anything else
        CloseHolder(attach.SessionId, attach.Connection);
        // reopenSession: the password first; a wrong one is answered here, without asking the leader
        if (!SessionIds.IsValidPassword(attach.SessionId, attach.Passwd))
        {
            attach.Connection.Tell(new Rejected(attach.SessionId, "wrong password"));
            return;
        }
        if (_settings.Ensemble && !_expiring && !attach.Local)
        {
            AskLeader(attach, timeout);
            return;
        }
        if (!_sessions.TryGetValue(attach.SessionId, out var session) || session.Closing)
        {
            attach.Connection.Tell(new Rejected(attach.SessionId, "session expired, closing or unknown"));
            return;
        }
        // LeaderZooKeeperServer.revalidateSession: the leader owns a session its own client reconnected with
        _dataTree.Tell(new DataTreeProtocol.SetSessionOwner(session.Id, Data.SessionOwner.ThisServer));
        AttachTo(session, attach.Connection, timeout);
    }

    private void CloseHolder(long sessionId, IActorRef connection)
    {
        if (!_sessions.TryGetValue(sessionId, out var session) || session.Holder is not { } previous || previous.Equals(connection))
            return;
        previous.Tell(new SessionClosed(session.Id));
        session.Holder = null;
        if (session.Local)
            _sessions.Remove(session.Id); // a read-only server's session lives as long as its connection
    }

    /// <summary>The session is alive (ZooKeeperServer.finishSessionInit): answered with the timeout negotiated for this connection.</summary>
    private void AttachTo(Session session, IActorRef connection, int timeoutMs)
    {
        if (session.Holder is { } previous && !previous.Equals(connection))
            previous.Tell(new SessionClosed(session.Id));
        session.Holder = connection;
        session.ExpiresAt = NowMs + timeoutMs;
        connection.Tell(new Attached(session.Id, SessionIds.Password(session.Id), timeoutMs, Created: false));
    }

    /// <summary>
    /// LearnerZooKeeperServer.revalidateSession: only the leader knows whether a session is still alive (a learner
    /// cut off from it, or lagging, may still hold one the leader expired). A server not synced with a serving
    /// leader answers no reconnect at all.
    /// </summary>
    private void AskLeader(Attach attach, int timeoutMs)
    {
        if (_learner is null)
        {
            attach.Connection.Tell(new NotServing(attach.SessionId, "this server is not serving clients (looking for a leader or syncing)"));
            return;
        }
        // the newest reconnect of a session takes the leader's answer; an older one still waiting is closed, as
        // ZooKeeper closes the session's other connections on a reconnect
        if (_revalidating.Remove(attach.SessionId, out var older) && !older.Attach.Connection.Equals(attach.Connection))
            older.Attach.Connection.Tell(new NotServing(attach.SessionId, "the client reconnected on another connection"));
        _revalidating[attach.SessionId] = (attach, timeoutMs);
        _learner.Tell(new RevalidateWithLeader(attach.SessionId, timeoutMs));
    }

    /// <summary>The leader answered (Learner.revalidate): the session's waiting reconnect is attached or told it expired.</summary>
    private void OnRevalidated(Revalidated answer)
    {
        if (!_revalidating.Remove(answer.SessionId, out var waiting))
        {
            _log.Warning("Missing session 0x{0:x} for validation", answer.SessionId);
            return;
        }
        var (attach, timeoutMs) = waiting;
        if (!answer.Valid)
        {
            attach.Connection.Tell(new Rejected(answer.SessionId, "the leader holds no such session (expired or unknown)"));
            return;
        }
        // the leader may have committed the session before this server applied its createSession txn
        if (!_sessions.TryGetValue(answer.SessionId, out var session))
            _sessions[answer.SessionId] = session = new Session(answer.SessionId, timeoutMs);
        AttachTo(session, attach.Connection, timeoutMs);
    }

    /// <summary>Leader.revalidateSession: a session this leader holds is touched for the learner's client; any other is not valid.</summary>
    private void OnValidateForLearner(ValidateForLearner validate)
    {
        Context.Parent.Tell(new QuorumPeerProtocol.Deliver(ActorNames.Clients, Clients.ClientsProtocol.RevalidateReceived.Instance));
        var valid = _expiring && _sessions.TryGetValue(validate.SessionId, out var session) && !session.Local && !session.Closing;
        if (valid)
        {
            _sessions[validate.SessionId].ExpiresAt = NowMs + validate.TimeoutMs;
            // the learner's client owns it now: writes still coming from the old server fail with SessionMoved
            _dataTree.Tell(new DataTreeProtocol.SetSessionOwner(validate.SessionId, validate.Sid));
        }
        Sender.Tell(new ValidatedForLearner(validate.Sid, validate.SessionId, valid));
    }

    /// <summary>The learner stopped: reconnects still waiting for the leader's answer get none, as ZooKeeper closes them.</summary>
    private void OnSyncedLearner(SyncedLearner synced)
    {
        _learner = synced.Learner;
        _touched.Clear();
        if (_learner is not null)
            return;
        foreach (var (sessionId, (attach, _)) in _revalidating)
            attach.Connection.Tell(new NotServing(sessionId, "this server lost its leader"));
        _revalidating.Clear();
    }

    private void ExpireSilentSessions()
    {
        var now = NowMs;
        List<Session>? expired = null;
        foreach (var session in _sessions.Values)
        {
            if (session.ExpiresAt <= now)
                (expired ??= []).Add(session);
        }
        if (expired is null)
            return;
        foreach (var session in expired)
        {
            _log.Info("Expiring session 0x{0:x}, timeout of {1}ms exceeded", session.Id, session.TimeoutMs);
            _sessions.Remove(session.Id);
            session.Holder?.Tell(new SessionClosed(session.Id));
            _dataTree.Tell(new DataTreeProtocol.CloseSession(session.Id));
        }
    }

    private void EnsembleReceives()
    {
        Receive<SessionApplied>(applied =>
        {
            if (!_sessions.ContainsKey(applied.SessionId))
                _sessions[applied.SessionId] = new Session(applied.SessionId, applied.TimeoutMs) { ExpiresAt = NowMs + applied.TimeoutMs };
        });
        Receive<SessionEnded>(ended =>
        {
            if (_sessions.Remove(ended.SessionId, out var session))
                session.Holder?.Tell(new SessionClosed(session.Id));
        });
        Receive<SessionsReplaced>(replaced =>
        {
            foreach (var gone in _sessions.Values.Where(s => !replaced.Sessions.ContainsKey(s.Id)).ToList())
            {
                _sessions.Remove(gone.Id);
                gone.Holder?.Tell(new SessionClosed(gone.Id));
            }
            foreach (var (id, timeout) in replaced.Sessions)
                _sessions.TryAdd(id, new Session(id, timeout) { ExpiresAt = NowMs + timeout });
        });
        Receive<ExpireSessions>(expire =>
        {
            // a new leader gives every session a full timeout: its clients may be reconnecting from a failed server
            if (expire.Enabled && !_expiring)
            {
                foreach (var session in _sessions.Values)
                    session.ExpiresAt = NowMs + session.TimeoutMs;
            }
            _expiring = expire.Enabled;
        });
        Receive<SessionClosing>(closing =>
        {
            if (_sessions.TryGetValue(closing.SessionId, out var session))
                session.Closing = true;
        });
        Receive<SyncedLearner>(OnSyncedLearner);
        Receive<Revalidated>(OnRevalidated);
        Receive<ValidateForLearner>(OnValidateForLearner);
    }

    /// <summary>A learner's clients' activity goes to the leader, which alone expires sessions.</summary>
    private void ReportTouches()
    {
        if (_learner is null || _touched.Count == 0)
            return;
        _learner.Tell(new TouchedSessions(_touched.ToArray()));
        _touched = [];
    }

    private sealed record CheckExpiry
    {
        public static readonly CheckExpiry Instance = new();
    }

    /// <summary>Lists live sessions (id, timeout) for tools and tests.</summary>
    public sealed record GetSessions
    {
        public static readonly GetSessions Instance = new();
    }
}
