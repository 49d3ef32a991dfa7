using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AkkaZk.Database;
using AkkaZk.QuorumPeer;
using static AkkaZk.Sessions.SessionsProtocol;

namespace AkkaZk.Sessions;

/// <summary>
/// ZooKeeper's SessionTracker: hands out session ids, validates re-attach passwords, and expires sessions whose
/// clients stay silent past their timeout, through a closeSession txn that removes their ephemerals.
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
    }

    private readonly SessionSettings _settings;
    private readonly IActorRef _dataTree;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, Session> _sessions = [];
    private readonly Dictionary<long, Attach> _creating = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _nextSessionId;
    private bool _expiring;
    private IActorRef? _touchSink;
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
            if (_touchSink is not null)
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
        if (!_sessions.TryGetValue(attach.SessionId, out var session))
        {
            attach.Connection.Tell(new Rejected(attach.SessionId, "session expired or unknown"));
            return;
        }
        if (!SessionIds.IsValidPassword(attach.SessionId, attach.Passwd))
        {
            attach.Connection.Tell(new Rejected(attach.SessionId, "wrong password"));
            return;
        }
        if (session.Holder is { } previous && !previous.Equals(attach.Connection))
            previous.Tell(new SessionClosed(session.Id));
        session.Holder = attach.Connection;
        session.ExpiresAt = NowMs + session.TimeoutMs;
        attach.Connection.Tell(new Attached(session.Id, SessionIds.Password(session.Id), session.TimeoutMs, Created: false));
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
        Receive<ReportTouchesTo>(report =>
        {
            _touchSink = report.Sink;
            _touched.Clear();
        });
    }

    /// <summary>A learner's clients' activity goes to the leader, which alone expires sessions.</summary>
    private void ReportTouches()
    {
        if (_touchSink is null || _touched.Count == 0)
            return;
        _touchSink.Tell(new TouchedSessions(_touched.ToArray()));
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
