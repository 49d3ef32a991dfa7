using AkkaZk.Quorum;

namespace AkkaZk.Election;

/// <summary>
/// Server <paramref name="Sid"/>, in <paramref name="State"/>, backs <paramref name="Leader"/> whose last zxid is
/// <paramref name="Zxid"/> and current epoch <paramref name="PeerEpoch"/>, in election round
/// <paramref name="ElectionEpoch"/> (the sender's logical clock). This is also the election notification on the wire.
/// </summary>
public sealed record Vote(long Leader, long Zxid, long ElectionEpoch, long PeerEpoch, ServerState State, long Sid)
{
    /// <summary>
    /// FastLeaderElection.totalOrderPredicate: is this vote's candidate better than <paramref name="other"/>'s?
    /// Higher peer epoch first, then higher zxid, then higher server id. A candidate of weight 0 (hierarchical
    /// quorums) is never better.
    /// </summary>
    public bool IsBetterThan(Vote other, IQuorumVerifier? verifier = null) =>
        VoteOrder.IsBetter(Leader, Zxid, PeerEpoch, other.Leader, other.Zxid, other.PeerEpoch, verifier);

    /// <summary>
    /// ZooKeeper's Vote.equals, which decides which votes count as agreeing: while either side is LOOKING the whole
    /// candidate (leader, zxid, election epoch, peer epoch) must match; between settled servers the leader and its
    /// peer epoch suffice. Sender and state are not compared.
    /// </summary>
    public bool AgreesWith(Vote other) =>
        State == ServerState.Looking || other.State == ServerState.Looking
            ? Leader == other.Leader && Zxid == other.Zxid && ElectionEpoch == other.ElectionEpoch && PeerEpoch == other.PeerEpoch
            : Leader == other.Leader && PeerEpoch == other.PeerEpoch;

    public override string ToString() =>
        $"Vote(leader={Leader}, zxid={Quorum.Zxid.ToHex(Zxid)}, electionEpoch={Quorum.Zxid.ToHex(ElectionEpoch)}, " +
        $"peerEpoch={Quorum.Zxid.ToHex(PeerEpoch)}, state={State}, sid={Sid})";
}
