namespace AkkaZk.Quorum;

/// <summary>
/// Leader.getEpochToPropose as an immutable value: the leader and each connecting learner report their
/// acceptedEpoch; the new epoch is one more than the highest reported, fixed once a quorum of participants that
/// includes the leader has reported. Learners that connect later get the fixed epoch.
/// </summary>
public sealed record EpochProposal(long LeaderId, long Epoch, IReadOnlySet<long> Connecting, bool IsDecided)
{
    /// <summary>Before anyone reported (Leader's epoch field starts at -1).</summary>
    public static EpochProposal Start(long leaderId) => new(leaderId, -1, new HashSet<long>(), false);

    /// <summary>Server <paramref name="sid"/> reported <paramref name="lastAcceptedEpoch"/> (the leader reports first).</summary>
    public EpochProposal Report(long sid, long lastAcceptedEpoch, IQuorumVerifier verifier)
    {
        if (IsDecided)
            return this;

        var epoch = lastAcceptedEpoch >= Epoch ? lastAcceptedEpoch + 1 : Epoch;
        var connecting = new HashSet<long>(Connecting);
        if (verifier.IsVoter(sid))
            connecting.Add(sid);
        var decided = connecting.Contains(LeaderId) && verifier.ContainsQuorum(connecting);
        return new EpochProposal(LeaderId, epoch, connecting, decided);
    }
}
