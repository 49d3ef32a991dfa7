using AkkaZk.Config;

namespace AkkaZk.Quorum;

/// <summary>
/// ZooKeeper's QuorumHierarchical (group.N / weight.N): a quorum needs more than half of the groups, each backed by
/// more than half of its group's weight. Participants default to weight 1; weight 0 servers never count, and a
/// group whose total weight is 0 is left out of the group count.
/// </summary>
public sealed class QuorumHierarchical : IQuorumVerifier
{
    private readonly Dictionary<long, long> _groupOf = [];
    private readonly Dictionary<long, long> _weightOf = [];
    private readonly Dictionary<long, long> _groupWeight = [];
    private readonly int _countedGroups;

    public QuorumHierarchical(
        IEnumerable<long> participants,
        IEnumerable<long> observers,
        IReadOnlyDictionary<long, IReadOnlyList<long>> groups,
        IReadOnlyDictionary<long, long> weights)
    {
        VotingMembers = participants.Distinct().Order().ToArray();
        ObservingMembers = observers.Distinct().Order().ToArray();
        foreach (var (gid, members) in groups)
        {
            foreach (var sid in members)
            {
                if (!_groupOf.TryAdd(sid, gid))
                    throw new ArgumentException($"Server {sid} is in multiple groups");
            }
        }

        foreach (var sid in VotingMembers)
        {
            if (!_groupOf.ContainsKey(sid))
                throw new ArgumentException($"Server {sid} is not in a group");
            _weightOf[sid] = weights.TryGetValue(sid, out var w) ? w : 1;
        }

        foreach (var (sid, gid) in _groupOf)
            _groupWeight[gid] = _groupWeight.GetValueOrDefault(gid) + Weight(sid);

        // ZooKeeper starts from the number of group lines and subtracts the groups that weigh nothing.
        _countedGroups = groups.Count - _groupWeight.Values.Count(w => w == 0);
    }

    public static QuorumHierarchical From(NodeSettings settings) =>
        new(
            settings.Servers.Where(s => s.Role == PeerRole.Participant).Select(s => s.Id),
            settings.Servers.Where(s => s.Role == PeerRole.Observer).Select(s => s.Id),
            settings.Groups,
            settings.Weights);

    public IReadOnlyList<long> VotingMembers { get; }
    public IReadOnlyList<long> ObservingMembers { get; }

    public long Weight(long sid) => _weightOf.GetValueOrDefault(sid);

    public bool IsVoter(long sid) => _weightOf.ContainsKey(sid);

    public bool ContainsQuorum(IEnumerable<long> sids)
    {
        var weightPerGroup = new Dictionary<long, long>();
        foreach (var sid in sids.Where(IsVoter).Distinct())
            weightPerGroup[_groupOf[sid]] = weightPerGroup.GetValueOrDefault(_groupOf[sid]) + Weight(sid);

        var groupsWithMajority = weightPerGroup.Count(g => g.Value > _groupWeight[g.Key] / 2);
        return groupsWithMajority > _countedGroups / 2;
    }
}
