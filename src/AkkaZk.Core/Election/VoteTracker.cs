using AkkaZk.Quorum;

namespace AkkaZk.Election;

/// <summary>FastLeaderElection.getVoteTracker + SyncedLearnerTracker.hasAllQuorums, for one configuration.</summary>
public static class VoteTracker
{
    /// <summary>The senders whose recorded vote agrees with <paramref name="vote"/> (see <see cref="Vote.AgreesWith"/>).</summary>
    public static IReadOnlySet<long> Supporters(IReadOnlyDictionary<long, Vote> votes, Vote vote) =>
        votes.Where(kv => kv.Value.AgreesWith(vote)).Select(kv => kv.Key).ToHashSet();

    public static bool HasQuorum(IReadOnlyDictionary<long, Vote> votes, Vote vote, IQuorumVerifier verifier) =>
        verifier.ContainsQuorum(Supporters(votes, vote));
}
