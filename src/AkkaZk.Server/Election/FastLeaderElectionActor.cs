using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using AkkaZk.Database;
using AkkaZk.QuorumPeer;
using AkkaZk.Zab;

namespace AkkaZk.Election;

/// <summary>
/// The election actor of an ensemble member (ZooKeeper's QuorumPeer run loop with FastLeaderElection): LOOKING it
/// runs an <see cref="ElectionRound"/>, exchanging <see cref="ElectionNotification"/>s with the other servers'
/// election actors over Akka.Remote; once decided it starts the Zab role as its child (leader, follower or
/// observer). When the role stops, the data tree is brought back to what its log holds and a new round begins.
/// While settled it answers LOOKING servers with its vote, so a restarted server finds the leader at once.
/// Whenever Akka.Remote associates with a peer (a new connection, either way) it sends that peer its vote again, as
/// ZooKeeper's QuorumCnxManager re-sends its last message on every new connection: a notification or answer lost
/// with an association that failed (e.g. the one to a killed peer's old incarnation) is not left to the LOOKING
/// peer's backed-off notification timeout. A notification from a new incarnation of a peer (a restarted server) drops
/// every association to the old one, as QuorumCnxManager replaces a peer's old connection by its new one.
/// </summary>
internal sealed class FastLeaderElectionActor : ReceiveActor, IWithTimers
{
    private readonly ZabSettings _settings;
    private readonly IActorRef _dataTree;
    private readonly IActorRef _sessions;
    private readonly PeerStatus _status;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _refusedPeers = [];
    private readonly Dictionary<Address, int> _incarnations = [];
    private readonly int _myIncarnation = AddressUidExtension.Uid(Context.System);
    private ElectionRound? _round;
    private long _logicalClock;
    private long _lastZxid;
    private Vote? _settledVote;
    private IActorRef? _role;
    private DateTime _lookingSince;

    public ITimerScheduler Timers { get; set; } = null!;

    public FastLeaderElectionActor(ZabSettings settings, IActorRef dataTree, IActorRef sessions, PeerStatus status)
    {
        _settings = WithOwnTransport(settings);
        _dataTree = dataTree;
        _sessions = sessions;
        _status = status;

        Receive<ElectionNotification>(OnNotification);
        Receive<LearnerInfo>(OnLearnerKnock);
        Receive<AssociatedEvent>(OnAssociated);
        Receive<PeerStateQuery>(_ =>
        {
            var status = _status.Current;
            var replyTo = Sender;
            _dataTree.Ask<DataTreeProtocol.LastZxid>(DataTreeProtocol.GetLastZxid.Instance, TimeSpan.FromSeconds(1))
                .PipeTo(replyTo, success: last => new PeerStateReport(View.MyId, status.State, status.LeaderId, status.Epoch, last.Zxid));
        });
        Receive<ReplicationProtocol.RoleStopped>(stopped => StartLooking(stopped.LastZxid));
        Receive<NotificationTimeout>(_ => Execute(_round?.NotificationTimeoutElapsed() ?? []));
        Receive<FinalizeWait>(_ => Execute(_round?.FinalizeWaitElapsed() ?? []));
        Receive<Terminated>(t =>
        {
            if (!t.ActorRef.Equals(_role))
                return;
            _role = null;
            _settledVote = null;
            _status.Set(new PeerStatus.Snapshot(ServerState.Looking, -1, -1, [], _lastZxid, DateTime.UtcNow, Serving: false));
            _dataTree.Tell(ReplicationProtocol.StopRole.Instance);
        });
    }

    public static Props Props(ZabSettings settings, IActorRef dataTree, IActorRef sessions, PeerStatus status) =>
        Akka.Actor.Props.Create(() => new FastLeaderElectionActor(settings, dataTree, sessions, status));

    private EnsembleView View => _settings.View;

    /// <summary>
    /// Peers are addressed with this server's own remoting scheme: a transport adapter (Akka.Remote's throttler in
    /// the multi-node specs) turns "akka.tcp" into e.g. "akka.trttl.tcp", and a peer's address must match it.
    /// </summary>
    private static ZabSettings WithOwnTransport(ZabSettings settings)
    {
        var protocol = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.Protocol;
        return protocol.StartsWith("akka.", StringComparison.Ordinal)
            ? settings with { View = settings.View.WithProtocol(protocol) }
            : settings;
    }

    protected override void PreStart()
    {
        _log.Info("server {0} of {1}: starting leader election ({2})", View.MyId, View.Servers.Count, View.Fingerprint);
        Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Election));
        ClusterMembership.JoinExisting(Context.System, View);
        Context.System.EventStream.Subscribe(Self, typeof(AssociatedEvent));
        // also after a restart of this actor, whose role child died with it: the data tree leaves any role it
        // still holds and answers with its last zxid, and the server looks for a leader
        _dataTree.Tell(ReplicationProtocol.StopRole.Instance);
    }

    private void StartLooking(long lastZxid)
    {
        _lastZxid = lastZxid;
        var currentEpoch = _settings.Epochs.Read(EpochFiles.Current, Quorum.Zxid.Epoch(lastZxid));
        _round = new ElectionRound(View.MyId, lastZxid, currentEpoch, _logicalClock, View.Verifier);
        _lookingSince = DateTime.UtcNow;
        _log.Info("LOOKING: last zxid 0x{0:x}, current epoch {1}", lastZxid, currentEpoch);
        Execute(_round.Start());
    }

    private void OnNotification(ElectionNotification n)
    {
        var vote = n.Vote;
        var atItsAddress = View.Servers.ContainsKey(vote.Sid) && Sender.Path.Address == View.AddressOf(vote.Sid);
        if (atItsAddress)
            NoteIncarnation(vote.Sid, Sender.Path.Address, n.Incarnation);
        if (!atItsAddress || n.Ensemble != View.Fingerprint)
        {
            RefuseOnce(vote.Sid, n.Ensemble);
            return;
        }
        if (_settledVote is { } settled)
        {
            // WorkerReceiver: a LOOKING server learns who leads; settled servers need nothing from us
            if (vote.State == ServerState.Looking)
                Send(vote.Sid, settled with { ElectionEpoch = _logicalClock });
            return;
        }
        if (_round is null)
            return;
        Timers.StartSingleTimer("notification", NotificationTimeout.Instance, _round.NotificationTimeout);
        Execute(_round.Receive(vote));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>
    /// An association with a peer's endpoint came up: it hears my vote again, LOOKING or settled. A LOOKING peer
    /// counts it by the usual rules (a settled one only answers a LOOKING vote), so a repeat is harmless. Only
    /// voters send and are sent a settled vote: a LOOKING voter answers every vote of an observer, and a settled
    /// observer every LOOKING vote, so the two would keep answering each other.
    /// </summary>
    private void OnAssociated(AssociatedEvent associated)
    {
        if (View.ServerAt(associated.RemoteAddress) is not { } sid || sid == View.MyId)
            return;
        if (_settledVote is { } settled)
        {
            if (View.IsObserver || !View.Verifier.IsVoter(sid))
                return;
            _log.Info("associated with server {0} ({1}): sending it my vote again, {2} leader {3}", sid,
                associated.IsInbound ? "inbound" : "outbound", settled.State.ToString().ToUpperInvariant(), settled.Leader);
            Send(sid, settled with { ElectionEpoch = _logicalClock });
        }
        else if (_round is not null)
        {
            _log.Info("associated with server {0} ({1}): sending it my vote again, LOOKING, proposing leader {2}", sid,
                associated.IsInbound ? "inbound" : "outbound", _round.Proposal.Leader);
            Execute(_round.PeerConnected(sid));
        }
    }

    /// <summary>
    /// A learner knocks at the server it elected: the leader actor takes it over; a server that follows someone
    /// else says so, and the learner looks again at once instead of waiting out initLimit.
    /// </summary>
    private void OnLearnerKnock(LearnerInfo info)
    {
        if (_role is not null && _role.Path.Name == ActorNames.Leader)
            _role.Forward(info);
        else if (_settledVote is { } settled)
            Sender.Tell(new ElectionNotification(settled with { ElectionEpoch = _logicalClock }, View.Fingerprint, _myIncarnation));
    }

    /// <summary>
    /// A server restarted on the same address is a new Akka.Remote incarnation. Akka.Remote may still hold an
    /// association to the old one that it has not seen fail (a crashed host sends no FIN; a new inbound connection
    /// only takes over the old read-only endpoint), and would send our answers into it for as long as its failure
    /// detector waits. Quarantining the old UID stops those endpoints at once; the next message associates anew.
    /// </summary>
    private void NoteIncarnation(long sid, Address address, int incarnation)
    {
        if (_incarnations.TryGetValue(address, out var old) && old != incarnation)
        {
            _log.Info("server {0} restarted (incarnation {1}, was {2}): dropping the associations to its old incarnation", sid, incarnation, old);
            ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Transport.Quarantine(address, old);
        }
        _incarnations[address] = incarnation;
    }

    private void RefuseOnce(long sid, string ensemble)
    {
        var key = $"{sid}|{Sender.Path.Address}|{ensemble}";
        if (!_refusedPeers.Add(key))
            return;
        _log.Warning("refusing election notifications from {0} claiming server id {1}: {2}", Sender.Path.Address, sid,
            !View.Servers.ContainsKey(sid) ? "no such server in our list"
            : ensemble != View.Fingerprint ? $"its server list differs from ours ({ensemble})"
            : "it is not at that server's address");
    }

    private void Execute(IReadOnlyList<ElectionAction> actions)
    {
        var queue = new Queue<ElectionAction>(actions);
        while (queue.Count > 0 && _round is not null)
        {
            switch (queue.Dequeue())
            {
                case BroadcastVote broadcast:
                    foreach (var sid in View.Verifier.VotingMembers.Where(s => s != View.MyId))
                        Send(sid, broadcast.Vote);
                    // ZooKeeper delivers a server's own notification to itself
                    if (View.Verifier.IsVoter(View.MyId))
                    {
                        foreach (var next in _round.Receive(broadcast.Vote))
                            queue.Enqueue(next);
                    }
                    Timers.StartSingleTimer("notification", NotificationTimeout.Instance, _round.NotificationTimeout);
                    break;
                case SendVote send:
                    Send(send.To, send.Vote);
                    break;
                case StartFinalizeWait wait:
                    Timers.StartSingleTimer("finalize", FinalizeWait.Instance, wait.Wait);
                    break;
                case ElectionDecided decided:
                    Decided(decided);
                    return;
            }
        }
    }

    private void Send(long sid, Vote vote) =>
        Context.ActorSelection(View.ElectionPath(sid)).Tell(new ElectionNotification(vote, View.Fingerprint, _myIncarnation));

    private void Decided(ElectionDecided decided)
    {
        Timers.CancelAll();
        _logicalClock = _round!.LogicalClock;
        _round = null;
        _settledVote = decided.Vote;
        var elapsed = (DateTime.UtcNow - _lookingSince).TotalMilliseconds;
        _log.Info("election decided in {0:F0} ms: {1}, leader {2} (zxid 0x{3:x}, epoch {4})",
            elapsed, decided.NewState.ToString().ToUpperInvariant(), decided.Vote.Leader, decided.Vote.Zxid, decided.Vote.PeerEpoch);
        var accepted = _settings.Epochs.Read(EpochFiles.Accepted, Quorum.Zxid.Epoch(_lastZxid));
        var current = _settings.Epochs.Read(EpochFiles.Current, Quorum.Zxid.Epoch(_lastZxid));
        var props = decided.NewState == ServerState.Leading
            ? LeaderActor.Props(_settings, _dataTree, _sessions, _status, _lastZxid, accepted, current)
            : LearnerActor.Props(_settings, decided.Vote.Leader, _dataTree, _sessions, _status, _lastZxid, accepted, current);
        var name = decided.NewState switch
        {
            ServerState.Leading => ActorNames.Leader,
            ServerState.Observing => ActorNames.Observer,
            _ => ActorNames.Follower,
        };
        _role = Context.Watch(Context.ActorOf(props, name));
        ClusterMembership.JoinAfterElection(Context.System, View, decided.Vote.Leader);
    }

    /// <summary>A failing role is not restarted with its stale start state: it stops, and the server looks for a leader again.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(ex =>
    {
        _log.Error(ex, "{0} failed: {1}; back to LOOKING", Sender.Path.Name, ex.Message);
        return Directive.Stop;
    });

    private sealed class NotificationTimeout
    {
        public static readonly NotificationTimeout Instance = new();
    }

    private sealed class FinalizeWait
    {
        public static readonly FinalizeWait Instance = new();
    }
}
