namespace AkkaZk.Quorum;

/// <summary>
/// Decides whether a set of servers forms a quorum (ZooKeeper's QuorumVerifier). Only voting members ever count:
/// ZooKeeper's SyncedLearnerTracker drops other ids before asking, and this interface does it itself.
/// </summary>
public interface IQuorumVerifier
{
    /// <summary>The participants (voters), ordered by id.</summary>
    IReadOnlyList<long> VotingMembers { get; }

    /// <summary>The observers, ordered by id.</summary>
    IReadOnlyList<long> ObservingMembers { get; }

    /// <summary>A server's weight in votes; 0 for a server that may vote but never counts nor leads.</summary>
    long Weight(long sid);

    bool IsVoter(long sid);

    bool ContainsQuorum(IEnumerable<long> sids);
}
