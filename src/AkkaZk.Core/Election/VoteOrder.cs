using AkkaZk.Quorum;

namespace AkkaZk.Election;

/// <summary>The total order of candidates in FastLeaderElection (totalOrderPredicate).</summary>
public static class VoteOrder
{
    public static bool IsBetter(
        long newLeader, long newZxid, long newPeerEpoch,
        long curLeader, long curZxid, long curPeerEpoch,
        IQuorumVerifier? verifier = null)
    {
        if (verifier is not null && verifier.Weight(newLeader) == 0)
            return false;

        return newPeerEpoch > curPeerEpoch
            || (newPeerEpoch == curPeerEpoch && (newZxid > curZxid || (newZxid == curZxid && newLeader > curLeader)));
    }
}
