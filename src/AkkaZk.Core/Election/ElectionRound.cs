using AkkaZk.Quorum;

namespace AkkaZk.Election;

/// <summary>
/// One server's FastLeaderElection.lookForLeader as a state machine without threads or clocks: the caller feeds
/// received notifications and the two timeouts, and carries out the returned actions. Not thread-safe; one actor
/// owns one round.
/// </summary>
public sealed class ElectionRound
{
    /// <summary>FastLeaderElection.finalizeWait: how long a decision waits for a better vote.</summary>
    public static readonly TimeSpan FinalizeWait = TimeSpan.FromMilliseconds(200);

    /// <summary>FastLeaderElection.maxNotificationInterval: the cap of the resend back-off.</summary>
    public static readonly TimeSpan MaxNotificationInterval = TimeSpan.FromSeconds(60);

    private readonly long _myId;
    private readonly long _lastLoggedZxid;
    private readonly long _currentEpoch;
    private readonly bool _isVoter;
    private readonly IQuorumVerifier _verifier;
    private readonly Dictionary<long, Vote> _recvset = [];
    private readonly Dictionary<long, Vote> _outOfElection = [];

    /// <param name="myId">This server's id.</param>
    /// <param name="lastLoggedZxid">The last zxid in this server's log (its initial candidate's zxid).</param>
    /// <param name="currentEpoch">This server's persisted currentEpoch (its initial candidate's peer epoch).</param>
    /// <param name="logicalClock">The logical clock left by the previous round; <see cref="Start"/> increments it.</param>
    /// <remarks>An observer (not a voter in <paramref name="verifier"/>) runs the round too, but proposes nobody.</remarks>
    public ElectionRound(long myId, long lastLoggedZxid, long currentEpoch, long logicalClock, IQuorumVerifier verifier)
    {
        _myId = myId;
        _lastLoggedZxid = lastLoggedZxid;
        _currentEpoch = currentEpoch;
        _verifier = verifier;
        _isVoter = verifier.IsVoter(myId);
        LogicalClock = logicalClock;
        Proposal = InitialVote();
    }

    public long LogicalClock { get; private set; }

    /// <summary>The vote this server currently sends.</summary>
    public Vote Proposal { get; private set; }

    /// <summary>True while a quorum agrees and the round waits <see cref="FinalizeWait"/> for a better vote.</summary>
    public bool IsFinalizing { get; private set; }

    /// <summary>How long to wait for a notification before resending (doubles on each timeout, up to 60 s).</summary>
    public TimeSpan NotificationTimeout { get; private set; } = FinalizeWait;

    /// <summary>The end vote once decided, else null.</summary>
    public Vote? Decision { get; private set; }

    /// <summary>The votes of this round, by sender (lookForLeader's recvset).</summary>
    public IReadOnlyDictionary<long, Vote> ReceivedVotes => _recvset;

    /// <summary>Enter the round: next logical clock, vote for myself, tell everyone.</summary>
    public IReadOnlyList<ElectionAction> Start()
    {
        LogicalClock++;
        Proposal = InitialVote();
        return [new BroadcastVote(Proposal)];
    }

    /// <summary>Nothing arrived within <see cref="NotificationTimeout"/>: resend my vote and back off.</summary>
    public IReadOnlyList<ElectionAction> NotificationTimeoutElapsed()
    {
        if (Decision is not null)
            return [];
        var doubled = NotificationTimeout * 2;
        NotificationTimeout = doubled < MaxNotificationInterval ? doubled : MaxNotificationInterval;
        return [new BroadcastVote(Proposal)];
    }

    /// <summary>
    /// A connection to server <paramref name="sid"/> came up (again): send it my vote, as QuorumCnxManager's SendWorker
    /// re-sends the last message to a peer on every new connection. A notification or reply lost with the old
    /// connection would otherwise be repeated only when the backed-off notification timeout runs out.
    /// </summary>
    /// <remarks>
    /// Only voters are sent to, as by a broadcast: a settled observer answers a LOOKING vote, and a LOOKING voter
    /// answers any vote of an observer, so a vote sent to an observer could bounce between the two for ever.
    /// </remarks>
    public IReadOnlyList<ElectionAction> PeerConnected(long sid) =>
        Decision is null && sid != _myId && _verifier.IsVoter(sid) ? [new SendVote(sid, CurrentVote())] : [];

    /// <summary>No better vote arrived during the finalize wait: the current proposal wins.</summary>
    public IReadOnlyList<ElectionAction> FinalizeWaitElapsed()
    {
        if (!IsFinalizing || Decision is not null)
            return [];
        IsFinalizing = false;
        return Decide(Proposal with { ElectionEpoch = LogicalClock }, Proposal.Leader);
    }

    /// <summary>A notification from server <c>n.Sid</c> (which may be this server itself).</summary>
    public IReadOnlyList<ElectionAction> Receive(Vote n)
    {
        if (Decision is not null)
            return [];

        // WorkerReceiver: a server outside the voting view (an observer) gets a vote back and is not counted.
        // ZooKeeper answers with QuorumPeer.getCurrentVote, which while looking is still the last decided vote;
        // the round does not know that one, so it answers with its proposal.
        if (!_verifier.IsVoter(n.Sid))
            return [new SendVote(n.Sid, CurrentVote())];

        var actions = new List<ElectionAction>();

        // WorkerReceiver: a LOOKING peer still in an older round learns my vote.
        if (n.State == ServerState.Looking && n.ElectionEpoch < LogicalClock)
            actions.Add(new SendVote(n.Sid, CurrentVote()));

        if (IsFinalizing)
        {
            // During the finalize wait lookForLeader drops every vote that is not better; a better one ends the wait
            // and is handled as usual.
            if (!VoteOrder.IsBetter(n.Leader, n.Zxid, n.PeerEpoch, Proposal.Leader, Proposal.Zxid, Proposal.PeerEpoch, _verifier))
            {
                actions.Add(new StartFinalizeWait(FinalizeWait));
                return actions;
            }

            IsFinalizing = false;
        }

        if (!_verifier.IsVoter(n.Leader))
            return actions;

        actions.AddRange(n.State switch
        {
            ServerState.Looking => OnLooking(n),
            ServerState.Following or ServerState.Leading => OnSettled(n),
            _ => [],
        });
        return actions;
    }

    private IEnumerable<ElectionAction> OnLooking(Vote n)
    {
        if (InitialZxid == -1 || n.Zxid == -1)
            yield break;

        if (n.ElectionEpoch > LogicalClock)
        {
            LogicalClock = n.ElectionEpoch;
            _recvset.Clear();
            Proposal = VoteOrder.IsBetter(n.Leader, n.Zxid, n.PeerEpoch, InitialId, InitialZxid, InitialPeerEpoch, _verifier)
                ? Proposal with { Leader = n.Leader, Zxid = n.Zxid, PeerEpoch = n.PeerEpoch, ElectionEpoch = LogicalClock }
                : InitialVote();
            yield return new BroadcastVote(Proposal);
        }
        else if (n.ElectionEpoch < LogicalClock)
        {
            yield break;
        }
        else if (VoteOrder.IsBetter(n.Leader, n.Zxid, n.PeerEpoch, Proposal.Leader, Proposal.Zxid, Proposal.PeerEpoch, _verifier))
        {
            Proposal = Proposal with { Leader = n.Leader, Zxid = n.Zxid, PeerEpoch = n.PeerEpoch };
            yield return new BroadcastVote(Proposal);
        }

        _recvset[n.Sid] = n with { State = ServerState.Looking };
        if (VoteTracker.HasQuorum(_recvset, Proposal, _verifier))
        {
            IsFinalizing = true;
            yield return new StartFinalizeWait(FinalizeWait);
        }
    }

    private IEnumerable<ElectionAction> OnSettled(Vote n)
    {
        if (n.ElectionEpoch == LogicalClock)
        {
            _recvset[n.Sid] = n;
            if (VoteTracker.HasQuorum(_recvset, n, _verifier) && CheckLeader(_recvset, n.Leader, n.ElectionEpoch))
                return Decide(n, n.Leader);
        }

        _outOfElection[n.Sid] = n;
        if (VoteTracker.HasQuorum(_outOfElection, n, _verifier) && CheckLeader(_outOfElection, n.Leader, n.ElectionEpoch))
        {
            LogicalClock = n.ElectionEpoch;
            return Decide(n, n.Leader);
        }

        return [];
    }

    /// <summary>
    /// FastLeaderElection.checkLeader: follow another server only if it said itself that it leads; lead only if the
    /// quorum is of my own round.
    /// </summary>
    private bool CheckLeader(Dictionary<long, Vote> votes, long leader, long electionEpoch) =>
        leader != _myId
            ? votes.TryGetValue(leader, out var v) && v.State == ServerState.Leading
            : LogicalClock == electionEpoch;

    private IReadOnlyList<ElectionAction> Decide(Vote from, long leader)
    {
        var state = leader == _myId ? ServerState.Leading : _isVoter ? ServerState.Following : ServerState.Observing;
        Decision = new Vote(leader, from.Zxid, from.ElectionEpoch, from.PeerEpoch, state, _myId);
        Proposal = Decision;
        return [new ElectionDecided(Decision, state)];
    }

    // FastLeaderElection's getInitId / getInitLastLoggedZxid / getPeerEpoch: an observer starts from "nobody".
    private long InitialId => _isVoter ? _myId : long.MinValue;
    private long InitialZxid => _isVoter ? _lastLoggedZxid : long.MinValue;
    private long InitialPeerEpoch => _isVoter ? _currentEpoch : long.MinValue;

    private Vote InitialVote() => new(InitialId, InitialZxid, LogicalClock, InitialPeerEpoch, ServerState.Looking, _myId);

    private Vote CurrentVote() => Proposal with { ElectionEpoch = LogicalClock };
}
