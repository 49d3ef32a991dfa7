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
    private sealed class Session(long id, int timeoutMs)
    {
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

    public ITimerScheduler Timers { get; set; } = null!;

    public SessionTracker(SessionSettings settings, IActorRef dataTree)
    {
        _settings = settings;
        _dataTree = dataTree;
        _nextSessionId = SessionIds.InitialId(settings.ServerId, Environment.TickCount64);
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
        });
        Receive<Detach>(detach =>
        {
            if (_sessions.TryGetValue(detach.SessionId, out var session) && Equals(session.Holder, detach.Connection))
            {
                session.Holder = null;
                session.ExpiresAt = NowMs + session.TimeoutMs;
            }
        });
        Receive<Closed>(closed => _sessions.Remove(closed.SessionId));
        Receive<CheckExpiry>(_ => ExpireSilentSessions());
        Receive<GetSessions>(_ => Sender.Tell(_sessions.Values.Select(s => (s.Id, s.TimeoutMs)).ToArray()));
    }

    private void OnAttach(Attach attach)
    {
        var timeout = _settings.Negotiate(attach.RequestedTimeoutMs);
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
