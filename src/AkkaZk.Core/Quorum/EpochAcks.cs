namespace AkkaZk.Quorum;

/// <summary>The leader's verdict on one ACKEPOCH.</summary>
public enum EpochAckOutcome
{
    /// <summary>Counted or ignored; still waiting for a quorum.</summary>
    Waiting,

    /// <summary>A quorum including the leader acknowledged: the leader may set currentEpoch and sync learners.</summary>
    QuorumReached,

    /// <summary>The learner is ahead of the leader ("Follower is ahead of the leader"): abandon leadership.</summary>
    LeaderBehind,
}

/// <summary>
/// Leader.waitForEpochAck as an immutable value. <see cref="LeaderSummary"/> is the leader's state before the new
/// epoch: its currentEpoch and last processed zxid. The leader acknowledges itself first.
/// </summary>
public sealed record EpochAcks(long LeaderId, StateSummary LeaderSummary, IReadOnlySet<long> Electing, bool IsFinished)
{
    public static EpochAcks Start(long leaderId, StateSummary leaderSummary) =>
        new(leaderId, leaderSummary, new HashSet<long>(), false);

    public (EpochAcks Acks, EpochAckOutcome Outcome) Ack(long sid, StateSummary summary, IQuorumVerifier verifier)
    {
        if (IsFinished)
            return (this, EpochAckOutcome.QuorumReached);

        var electing = Electing;
        if (summary.CurrentEpoch != -1)
        {
            if (summary.IsMoreRecentThan(LeaderSummary))
                return (this, EpochAckOutcome.LeaderBehind);
            if (summary.LastZxid != -1 && verifier.IsVoter(sid))
                electing = new HashSet<long>(Electing) { sid };
        }

        var finished = electing.Contains(LeaderId) && verifier.ContainsQuorum(electing);
        return (this with { Electing = electing, IsFinished = finished },
            finished ? EpochAckOutcome.QuorumReached : EpochAckOutcome.Waiting);
    }
}
