using AkkaZk.Election;
using AkkaZk.Quorum;

namespace AkkaZk.Tests.Election;

/// <summary>
/// A deterministic stand-in for the election actors: every server has an inbox; votes are delivered one at a time,
/// round-robin; a finalizing server whose inbox is empty sees its finalize wait elapse. Settled servers answer a
/// LOOKING notification with their final vote, as ZooKeeper's WorkerReceiver does.
/// </summary>
internal sealed class ElectionNetwork
{
    private readonly Dictionary<long, Queue<Vote>> _inbox = [];
    private readonly Dictionary<long, Vote> _settled = [];

    public ElectionNetwork(IQuorumVerifier verifier) => Verifier = verifier;

    public IQuorumVerifier Verifier { get; }
    public Dictionary<long, ElectionRound> Rounds { get; } = [];
    public List<(long From, Vote Vote)> Sent { get; } = [];

    public void AddLooking(long sid, long lastZxid, long currentEpoch, long logicalClock = 0)
    {
        Rounds[sid] = new ElectionRound(sid, lastZxid, currentEpoch, logicalClock, Verifier);
        _inbox[sid] = new Queue<Vote>();
    }

    /// <summary>A server that already follows or leads, with the final vote it answers with.</summary>
    public void AddSettled(Vote finalVote)
    {
        _settled[finalVote.Sid] = finalVote;
        _inbox[finalVote.Sid] = new Queue<Vote>();
    }

    public void Start(params long[] sids)
    {
        foreach (var sid in sids)
            Apply(sid, Rounds[sid].Start());
    }

    /// <summary>
    /// Delivers until every round decided or nothing moves any more; when all inboxes are empty and no round is
    /// finalizing, undecided rounds see their notification timeout (at most <paramref name="maxTimeouts"/> times).
    /// </summary>
    public void Run(int maxSteps = 10_000, int maxTimeouts = 5)
    {
        var timeouts = 0;
        for (var step = 0; step < maxSteps; step++)
        {
            var delivered = false;
            foreach (var sid in _inbox.Keys.ToArray())
            {
                if (_inbox[sid].TryDequeue(out var vote))
                {
                    Deliver(sid, vote);
                    delivered = true;
                }
            }

            if (delivered)
                continue;

            var finalizing = Rounds.FirstOrDefault(r => r.Value.IsFinalizing && r.Value.Decision is null);
            if (finalizing.Value is not null)
            {
                Apply(finalizing.Key, finalizing.Value.FinalizeWaitElapsed());
                continue;
            }

            var undecided = Rounds.Where(r => r.Value.Decision is null).ToArray();
            if (undecided.Length == 0 || timeouts++ == maxTimeouts)
                return;
            foreach (var (sid, round) in undecided)
                Apply(sid, round.NotificationTimeoutElapsed());
        }

        throw new InvalidOperationException("The election did not settle");
    }

    public Vote? DecisionOf(long sid) => Rounds[sid].Decision;

    private void Deliver(long to, Vote vote)
    {
        if (_settled.TryGetValue(to, out var final))
        {
            if (vote.State == ServerState.Looking)
                Send(to, vote.Sid, final);
            return;
        }

        var round = Rounds[to];
        if (round.Decision is { } decided)
        {
            if (vote.State == ServerState.Looking)
                Send(to, vote.Sid, decided with { ElectionEpoch = round.LogicalClock });
            return;
        }

        Apply(to, round.Receive(vote));
    }

    private void Apply(long from, IReadOnlyList<ElectionAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case BroadcastVote b:
                    foreach (var sid in Verifier.VotingMembers.Where(_inbox.ContainsKey))
                        Send(from, sid, b.Vote);
                    break;
                case SendVote s:
                    Send(from, s.To, s.Vote);
                    break;
            }
        }
    }

    private void Send(long from, long to, Vote vote)
    {
        Sent.Add((from, vote));
        _inbox[to].Enqueue(vote);
    }
}
