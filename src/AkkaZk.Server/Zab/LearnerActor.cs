using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using AkkaZk.Election;
using AkkaZk.Quorum;
using AkkaZk.Sessions;
using static AkkaZk.Database.ReplicationProtocol;

namespace AkkaZk.Zab;

/// <summary>
/// Zab's follower and observer (ZooKeeper's Learner): finds the leader, takes the new epoch, syncs (DIFF or SNAP),
/// acknowledges NEWLEADER once everything is logged, then logs and acknowledges proposals (an observer only takes
/// committed txns) and forwards its clients' writes and syncs, and their reconnects to be confirmed (REVALIDATE).
/// Silence from the leader for initLimit (while syncing) or syncLimit ticks stops it, which sends the server back
/// to election.
/// </summary>
internal sealed class LearnerActor : ReceiveActor, IWithTimers
{
    private readonly ZabSettings _settings;
    private readonly long _leaderSid;
    private readonly IActorRef _dataTree;
    private readonly IActorRef _sessions;
    private readonly PeerStatus _status;
    private readonly bool _observer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly long _lastZxid;
    private readonly List<byte[]> _snapshotChunks = [];
    private long _acceptedEpoch;
    private long _currentEpoch;
    private IActorRef? _leader;
    private PeerOutbox? _toLeader;
    private DateTime _lastHeard = DateTime.UtcNow;
    private long _logged;
    private long _lastReceived;
    private long _newLeaderZxid = -1;
    private bool _newLeaderAcked;
    private bool _upToDate;

    public ITimerScheduler Timers { get; set; } = null!;

    public LearnerActor(ZabSettings settings, long leaderSid, IActorRef dataTree, IActorRef sessions, PeerStatus status,
        long lastZxid, long acceptedEpoch, long currentEpoch)
    {
        _settings = settings;
        _leaderSid = leaderSid;
        _dataTree = dataTree;
        _sessions = sessions;
        _status = status;
        _observer = settings.View.IsObserver;
        _lastZxid = lastZxid;
        _logged = lastZxid;
        _lastReceived = lastZxid;
        _acceptedEpoch = acceptedEpoch;
        _currentEpoch = currentEpoch;

        Receive<LeaderInfo>(info => FromLeader(() => OnLeaderInfo(info), acceptAnyLeader: true));
        Receive<SyncDiff>(_ => FromLeader(() => { }));
        Receive<SnapshotChunk>(chunk => FromLeader(() => OnSnapshotChunk(chunk)));
        Receive<Proposal>(p => FromLeader(() => OnProposal(p.Zxid, p.Txn)));
        Receive<Commit>(c => FromLeader(() => _dataTree.Tell(new Committed(c.Zxid))));
        Receive<Inform>(i => FromLeader(() =>
        {
            OnProposal(i.Zxid, i.Txn);
            _dataTree.Tell(new Committed(i.Zxid));
        }));
        Receive<NewLeader>(n => FromLeader(() => OnNewLeader(n)));
        Receive<UpToDate>(u => FromLeader(() => OnUpToDate(u)));
        Receive<Ping>(_ => FromLeader(() => ToLeader(new Ping(View.MyId, []))));
        Receive<LeaderStopped>(stopped => FromLeader(() => Quit($"the leader stopped leading epoch {stopped.Epoch}")));
        Receive<SyncDone>(done => FromLeader(() => _dataTree.Tell(new SyncReached(done.Token, done.Zxid))));
        Receive<SnapshotInstalled>(installed => OnLogged(installed.Zxid));
        Receive<Logged>(logged => OnLogged(logged.Zxid));
        Receive<ForwardWrite>(write => ToLeader(ForwardedRequests.Encode(View.MyId, write)));
        Receive<ForwardCreateSession>(c => ToLeader(new ForwardedCreateSession(View.MyId, c.SessionId, c.TimeoutMs)));
        Receive<ForwardSync>(s => ToLeader(new SyncRequest(View.MyId, s.Token)));
        Receive<SessionsProtocol.TouchedSessions>(t => ToLeader(new Ping(View.MyId, t.SessionIds)));
        Receive<SessionsProtocol.RevalidateWithLeader>(r => ToLeader(new Revalidate(View.MyId, r.SessionId, r.TimeoutMs)));
        Receive<RevalidateAnswer>(a => FromLeader(() => _sessions.Tell(new SessionsProtocol.Revalidated(a.SessionId, a.Valid))));
        Receive<Tick>(_ => OnTick());
        Receive<FlushPeers>(_ => _toLeader?.Flush());
        Receive<PeerBatch>(batch =>
        {
            foreach (var message in batch.Messages)
                OnReceive(message);
        });
        // ZooKeeper's follower sees its TCP connection to the leader break at once; so do we, through remoting's
        // lifecycle events (no DeathWatch: that would quarantine the leader's address)
        Receive<DisassociatedEvent>(lost =>
        {
            if (_leader is not null && lost.RemoteAddress == View.AddressOf(_leaderSid))
                Quit("the connection to the leader was lost");
        });
        Receive<ElectionNotification>(n =>
        {
            // the server we elected answered our knock: it follows someone else, so our election result is stale
            if (_leader is null && Sender.Path.Address == View.AddressOf(_leaderSid) && n.Vote.State is ServerState.Following or ServerState.Observing)
                Quit($"server {_leaderSid} is not leading: it follows {n.Vote.Leader}");
        });
        Receive<Hello>(_ =>
        {
            if (_leader is null)
                SendLearnerInfo();
            else
                Timers.Cancel("hello");
        });
    }

    public static Props Props(ZabSettings settings, long leaderSid, IActorRef dataTree, IActorRef sessions, PeerStatus status,
        long lastZxid, long acceptedEpoch, long currentEpoch) =>
        Akka.Actor.Props.Create(() => new LearnerActor(settings, leaderSid, dataTree, sessions, status, lastZxid, acceptedEpoch, currentEpoch));

    private EnsembleView View => _settings.View;

    private ServerState State => _observer ? ServerState.Observing : ServerState.Following;

    protected override void PreStart()
    {
        _log.Info("{0}: connecting to leader {1} from zxid 0x{2:x}", _observer ? "OBSERVING" : "FOLLOWING", _leaderSid, _lastZxid);
        _dataTree.Tell(new BecomeLearner(Self));
        _status.Set(new PeerStatus.Snapshot(State, _leaderSid, _currentEpoch, [], _lastZxid, DateTime.UtcNow, Serving: false));
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        SendLearnerInfo();
        Timers.StartPeriodicTimer("tick", Tick.Instance, _settings.Tick);
        // the leader's actor may not exist yet when this server decides first: knock until it answers
        Timers.StartPeriodicTimer("hello", Hello.Instance, HelloInterval);
    }

    protected override void PostStop() => _sessions.Tell(new SessionsProtocol.SyncedLearner(null));

    private void SendLearnerInfo() =>
        Context.ActorSelection(View.ElectionPath(_leaderSid))
            .Tell(new LearnerInfo(View.MyId, _acceptedEpoch, _lastZxid, _observer, View.Fingerprint));

    /// <summary>Packets count only from the leader this learner connected to (Zab's FIFO channel to one leader).</summary>
    private void FromLeader(Action handle, bool acceptAnyLeader = false)
    {
        if (_leader is null)
        {
            if (!acceptAnyLeader || Sender.Path.Address != View.AddressOf(_leaderSid))
                return;
            _leader = Sender;
            _toLeader = new PeerOutbox(Sender, Self);
        }
        else if (!_leader.Equals(Sender))
        {
            return;
        }
        _lastHeard = DateTime.UtcNow;
        handle();
    }

    /// <summary>Everything for the leader goes through one outbox, in order (see <see cref="PeerOutbox"/>).</summary>
    private void ToLeader(IPeerMessage message) => _toLeader?.Send(message);

    private void OnLeaderInfo(LeaderInfo info)
    {
        if (info.Epoch < _acceptedEpoch)
        {
            Quit($"leader {_leaderSid} proposed epoch {info.Epoch}, older than the accepted epoch {_acceptedEpoch}");
            return;
        }
        if (info.Epoch > _acceptedEpoch)
        {
            _acceptedEpoch = info.Epoch;
            _settings.Epochs.Write(EpochFiles.Accepted, info.Epoch);
        }
        ToLeader(new AckEpoch(View.MyId, _currentEpoch, _lastZxid));
    }

    private void OnSnapshotChunk(SnapshotChunk chunk)
    {
        if (chunk.Index != _snapshotChunks.Count)
        {
            Quit($"snapshot chunk {chunk.Index} arrived after {_snapshotChunks.Count} chunks");
            return;
        }
        _snapshotChunks.Add(chunk.Data);
        if (!chunk.Last)
            return;
        var data = _snapshotChunks.SelectMany(c => c).ToArray();
        _snapshotChunks.Clear();
        _lastReceived = chunk.Zxid;
        _dataTree.Tell(new InstallSnapshot(chunk.Zxid, data));
    }

    private void OnProposal(long zxid, byte[] txn)
    {
        // Proposals come in zxid order with no gap inside an epoch; anything else means a lost packet.
        var gap = Zxid.Epoch(zxid) == Zxid.Epoch(_lastReceived) ? zxid != _lastReceived + 1 : zxid <= _lastReceived;
        if (gap)
        {
            Quit($"proposal 0x{zxid:x} does not follow 0x{_lastReceived:x}");
            return;
        }
        _lastReceived = zxid;
        _dataTree.Tell(new Propose(zxid, txn));
    }

    private void OnNewLeader(NewLeader newLeader)
    {
        _currentEpoch = newLeader.Epoch;
        _settings.Epochs.Write(EpochFiles.Current, newLeader.Epoch);
        _newLeaderZxid = newLeader.Zxid;
        AckNewLeaderWhenLogged();
    }

    private void OnLogged(long zxid)
    {
        _logged = Math.Max(_logged, zxid);
        if (!_newLeaderAcked)
            AckNewLeaderWhenLogged();
        else if (!_observer)
            ToLeader(new Ack(View.MyId, zxid));
    }

    private void AckNewLeaderWhenLogged()
    {
        if (_newLeaderZxid < 0 || _logged < _newLeaderZxid)
            return;
        _newLeaderAcked = true;
        ToLeader(new Ack(View.MyId, _newLeaderZxid));
    }

    private void OnUpToDate(UpToDate upToDate)
    {
        if (_upToDate)
            return;
        _upToDate = true;
        _log.Info("synced with leader {0} in epoch {1} at zxid 0x{2:x}: serving", _leaderSid, upToDate.Epoch, _logged);
        _dataTree.Tell(StartServing.Instance);
        _sessions.Tell(new SessionsProtocol.SyncedLearner(Self));
        _status.Set(new PeerStatus.Snapshot(State, _leaderSid, upToDate.Epoch, [], _logged, DateTime.UtcNow, Serving: true));
    }

    private void OnTick()
    {
        var limit = _upToDate ? _settings.SyncTimeout : _settings.InitTimeout;
        if (DateTime.UtcNow - _lastHeard > limit)
        {
            Quit($"no word from leader {_leaderSid} for {limit.TotalMilliseconds} ms");
        }
    }

    private void Quit(string reason)
    {
        _log.Warning("leaving leader {0}: {1}", _leaderSid, reason);
        Context.Stop(Self);
    }

    private static readonly TimeSpan HelloInterval = TimeSpan.FromMilliseconds(25);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class Hello
    {
        public static readonly Hello Instance = new();
    }
}
