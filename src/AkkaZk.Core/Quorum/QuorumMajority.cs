using AkkaZk.Config;

namespace AkkaZk.Quorum;

/// <summary>
/// ZooKeeper's QuorumMaj: every participant weighs 1; a quorum is more than half of the participants
/// (half = n / 2, integer division). Observers never count.
/// </summary>
public sealed class QuorumMajority : IQuorumVerifier
{
    private readonly HashSet<long> _voters;

    public QuorumMajority(IEnumerable<long> participants, IEnumerable<long>? observers = null)
    {
        VotingMembers = participants.Distinct().Order().ToArray();
        ObservingMembers = (observers ?? []).Distinct().Order().ToArray();
        if (VotingMembers.Intersect(ObservingMembers).ToArray() is [var both, ..])
            throw new ArgumentException($"Server {both} is both a participant and an observer");
        _voters = [.. VotingMembers];
    }

    public static QuorumMajority From(IEnumerable<ServerSpec> servers)
    {
        var list = servers.ToList();
        return new QuorumMajority(
            list.Where(s => s.Role == PeerRole.Participant).Select(s => s.Id),
            list.Where(s => s.Role == PeerRole.Observer).Select(s => s.Id));
    }

    public IReadOnlyList<long> VotingMembers { get; }
    public IReadOnlyList<long> ObservingMembers { get; }

    /// <summary>QuorumMaj's half: n / 2 rounded down, so 3 servers need 2 and 4 servers need 3.</summary>
    public int Half => VotingMembers.Count / 2;

    public long Weight(long sid) => 1;

    public bool IsVoter(long sid) => _voters.Contains(sid);

    public bool ContainsQuorum(IEnumerable<long> sids) => sids.Where(_voters.Contains).Distinct().Count() > Half;
}
