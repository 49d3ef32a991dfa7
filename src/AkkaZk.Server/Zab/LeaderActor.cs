using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using AkkaZk.Database;
using AkkaZk.Election;
using AkkaZk.Quorum;
using AkkaZk.Sessions;
using static AkkaZk.Database.ReplicationProtocol;

namespace AkkaZk.Zab;

/// <summary>
/// Zab's leader (ZooKeeper's Leader and its LearnerHandlers): discovery (the new epoch, agreed by a quorum),
/// synchronisation of each learner (DIFF or SNAP, then NEWLEADER; UPTODATE once a quorum acknowledged), and
/// broadcast (PROPOSAL → a quorum of ACKs, its own included → COMMIT). It stops itself, and so hands the server back
/// to election, when it cannot establish a quorum within initLimit or loses it for syncLimit.
/// </summary>
internal sealed partial class LeaderActor : ReceiveActor, IWithTimers
{
    private const int SnapshotChunkBytes = 96 * 1024;
    private const int KeptCommittedProposals = 10_000;

    private readonly ZabSettings _settings;
    private readonly IActorRef _dataTree;
    private readonly IActorRef _sessions;
    private readonly PeerStatus _status;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, LearnerHandle> _learners = [];
    private readonly SortedDictionary<long, byte[]> _proposals = [];
    private readonly List<(long Zxid, LearnerHandle Learner, long Token)> _waitingSyncs = [];
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private readonly long _lastZxid;
    private readonly long _currentEpoch;
    private EpochProposal _epochProposal;
    private readonly HashSet<long> _epochAcks = [];
    private readonly HashSet<long> _newLeaderAcks = [];
    private long _epoch = -1;
    private bool _established;
    private long _selfLogged;
    private long _lastProposed;
    private long _lastCommitted;
    private bool _inBatch;

    public ITimerScheduler Timers { get; set; } = null!;

    public LeaderActor(ZabSettings settings, IActorRef dataTree, IActorRef sessions, PeerStatus status,
        long lastZxid, long acceptedEpoch, long currentEpoch)
    {
        _settings = settings;
        _dataTree = dataTree;
        _sessions = sessions;
        _status = status;
        _lastZxid = lastZxid;
        _currentEpoch = currentEpoch;
        _selfLogged = lastZxid;
        _lastProposed = lastZxid;
        _lastCommitted = lastZxid;
        _epochProposal = EpochProposal.Start(View.MyId).Report(View.MyId, acceptedEpoch, View.Verifier);

        Receive<LearnerInfo>(OnLearnerInfo);
        Receive<AckEpoch>(OnAckEpoch);
        Receive<SyncPlanned>(OnSyncPlanned);
        Receive<Ack>(OnAck);
        Receive<Ping>(OnPing);
        Receive<ForwardedRequest>(OnForwardedRequest);
        Receive<ForwardedCreateSession>(c => FromLearner(c.Sid, _ => _dataTree.Tell(new ReplicationProtocol.ForwardedCreateSession(c.SessionId, c.TimeoutMs, c.Sid))));
        Receive<SyncRequest>(s => FromLearner(s.Sid, learner => AnswerSyncWhenCommitted(learner, s.Token)));
        Receive<Revalidate>(OnRevalidate);
        Receive<SessionsProtocol.ValidatedForLearner>(OnValidatedForLearner);
        Receive<Proposed>(OnProposed);
        Receive<Logged>(logged =>
        {
            _selfLogged = Math.Max(_selfLogged, logged.Zxid);
            TryCommit();
        });
        Receive<Tick>(_ => OnTick());
        Receive<FlushPeers>(_ =>
        {
            foreach (var learner in _learners.Values)
                learner.Outbox.Flush();
        });
        Receive<PeerBatch>(batch =>
        {
            // the ACKs of one batch make one COMMIT: each commit now leaves at once, as a message of its own
            _inBatch = true;
            try
            {
                foreach (var message in batch.Messages)
                    OnReceive(message);
            }
            finally
            {
                _inBatch = false;
            }
            TryCommit();
        });
        Receive<DisassociatedEvent>(lost =>
        {
            foreach (var learner in _learners.Values.Where(l => l.Peer.Path.Address == lost.RemoteAddress).ToList())
            {
                _log.Info("learner {0}: connection lost", learner.Sid);
                _learners.Remove(learner.Sid);
            }
        });
    }

    public static Props Props(ZabSettings settings, IActorRef dataTree, IActorRef sessions, PeerStatus status,
        long lastZxid, long acceptedEpoch, long currentEpoch) =>
        Akka.Actor.Props.Create(() => new LeaderActor(settings, dataTree, sessions, status, lastZxid, acceptedEpoch, currentEpoch));

    private EnsembleView View => _settings.View;

    protected override void PreStart()
    {
        _log.Info("LEADING: discovery from zxid 0x{0:x}, current epoch {1}", _lastZxid, _currentEpoch);
        // Leader.lead pings and checks its quorum every half tick
        Timers.StartPeriodicTimer("tick", Tick.Instance, _settings.Tick / 2);
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        DecideEpochIfQuorum();
        PublishStatus();
    }

    protected override void PostStop()
    {
        // ZooKeeper's followers see the leader's sockets close; ours are told, so they need not wait out syncLimit
        foreach (var learner in _learners.Values)
        {
            learner.Send(new LeaderStopped(_epoch));
            learner.Outbox.Flush();
        }
        _sessions.Tell(new SessionsProtocol.ExpireSessions(false));
        _log.Info("leader of epoch {0} stopped", _epoch);
    }

    private void OnLearnerInfo(LearnerInfo info)
    {
        var problem = !View.Servers.ContainsKey(info.Sid) ? "unknown server id"
            : info.Ensemble != View.Fingerprint ? $"its server list differs from ours ({info.Ensemble})"
            : Sender.Path.Address != View.AddressOf(info.Sid) ? $"server {info.Sid} lives at {View.AddressOf(info.Sid)}"
            : null;
        if (problem is not null)
        {
            _log.Warning("refusing learner sid {0} from {1}: {2}", info.Sid, Sender.Path.Address, problem);
            return;
        }
        if (_learners.TryGetValue(info.Sid, out var known) && known.Peer.Equals(Sender))
            return; // a resend while it waits for LEADERINFO
        var learner = new LearnerHandle(info.Sid, Sender, Self, info.Observer, info.LastZxid);
        _learners[info.Sid] = learner;
        _log.Info("learner {0} ({1}) connected: accepted epoch {2}, last zxid 0x{3:x}",
            info.Sid, info.Observer ? "observer" : "follower", info.AcceptedEpoch, info.LastZxid);
        if (_epoch < 0)
        {
            _epochProposal = _epochProposal.Report(info.Sid, info.AcceptedEpoch, View.Verifier);
            DecideEpochIfQuorum();
        }
        else
        {
            learner.Send(new LeaderInfo(_epoch));
        }
    }

    /// <summary>Leader.getEpochToPropose: once a quorum reported, the epoch is fixed, persisted and announced.</summary>
    private void DecideEpochIfQuorum()
    {
        if (_epoch >= 0 || !_epochProposal.IsDecided)
            return;
        _epoch = _epochProposal.Epoch;
        _settings.Epochs.Write(EpochFiles.Accepted, _epoch);
        _log.Info("new epoch {0} agreed by {1}", _epoch, string.Join(",", _epochProposal.Connecting.Order()));
        _dataTree.Tell(new BecomeLeader(_epoch, Self));
        _epochAcks.Add(View.MyId);
        foreach (var learner in _learners.Values)
            learner.Send(new LeaderInfo(_epoch));
    }

    private void OnAckEpoch(AckEpoch ack)
    {
        if (!_learners.TryGetValue(ack.Sid, out var learner) || !learner.Peer.Equals(Sender) || learner.State != LearnerHandle.Phase.Discovering)
            return;
        learner.LastHeard = DateTime.UtcNow;
        // Leader.waitForEpochAck: while the new epoch still needs a quorum of acks, a learner with a newer history
        // means this server should not lead. Once a quorum has acked (ZooKeeper's electionFinished) the check is
        // over: a late learner holding txns past this leader's start (an old leader's uncommitted proposals) is
        // truncated by its sync instead of costing the ensemble its established leader.
        var electionFinished = View.Verifier.ContainsQuorum(_epochAcks);
        if (!electionFinished && (ack.CurrentEpoch > _currentEpoch || (ack.CurrentEpoch == _currentEpoch && ack.LastZxid > _lastZxid)))
        {
            _log.Warning("learner {0} is ahead of this leader (epoch {1}, zxid 0x{2:x} against {3}, 0x{4:x}); stepping down",
                ack.Sid, ack.CurrentEpoch, ack.LastZxid, _currentEpoch, _lastZxid);
            Context.Stop(Self);
            return;
        }
        learner.LastZxid = ack.LastZxid;
        learner.State = LearnerHandle.Phase.EpochAcked;
        if (!learner.Observer)
            _epochAcks.Add(ack.Sid);
        PlanSyncsOnceEpochQuorum();
    }

    private void PlanSyncsOnceEpochQuorum()
    {
        if (!View.Verifier.ContainsQuorum(_epochAcks))
            return;
        foreach (var learner in _learners.Values.Where(l => l.State == LearnerHandle.Phase.EpochAcked))
        {
            learner.State = LearnerHandle.Phase.Planning;
            _dataTree.Tell(new PlanSync(learner.Sid, learner.LastZxid));
        }
    }

    private void OnTick()
    {
        var now = DateTime.UtcNow;
        foreach (var learner in _learners.Values)
            learner.Send(new Ping(View.MyId, []));
        if (!_established)
        {
            if (now - _startedAt > _settings.InitTimeout)
                StepDown($"no quorum synced within initLimit ({_settings.InitTimeout.TotalMilliseconds} ms)");
            return;
        }
        foreach (var silent in _learners.Values.Where(l => now - l.LastHeard > _settings.SyncTimeout).ToList())
        {
            _log.Warning("learner {0} silent for more than syncLimit ({1} ms); dropping it", silent.Sid, _settings.SyncTimeout.TotalMilliseconds);
            _learners.Remove(silent.Sid);
        }
        var alive = _learners.Values.Where(l => l.State == LearnerHandle.Phase.Synced && !l.Observer).Select(l => l.Sid).Append(View.MyId);
        if (!View.Verifier.ContainsQuorum(alive))
            StepDown("lost the quorum of synced followers");
        PublishStatus();
    }

    private void StepDown(string reason)
    {
        _log.Warning("leader of epoch {0} steps down: {1}", _epoch, reason);
        Context.Stop(Self);
    }

    private void FromLearner(long sid, Action<LearnerHandle> handle)
    {
        if (_learners.TryGetValue(sid, out var learner) && learner.Peer.Equals(Sender))
        {
            learner.LastHeard = DateTime.UtcNow;
            handle(learner);
        }
    }

    private void OnPing(Ping ping) => FromLearner(ping.Sid, _ =>
    {
        foreach (var session in ping.TouchedSessions)
            _sessions.Tell(new SessionsProtocol.Touch(session));
    });

    private void PublishStatus() => _status.Set(new PeerStatus.Snapshot(
        ServerState.Leading, View.MyId, _epoch,
        _learners.Values.Select(l => new PeerStatus.LearnerStatus(l.Sid, l.Observer, l.State == LearnerHandle.Phase.Synced, l.AckedZxid, l.Peer.Path.Address.ToString())).ToList(),
        _lastCommitted, _startedAt, _established));

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
