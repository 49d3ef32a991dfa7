using AkkaZk.Election;
using AkkaZk.Quorum;
using Xunit;

namespace AkkaZk.Tests.Election;

// FastLeaderElection.totalOrderPredicate and Vote.equals of ZooKeeper 3.8: every case below was checked against the
// 3.8.0 jar (totalOrderPredicate with a QuorumMaj, and with a QuorumHierarchical for weight 0).
public class VoteOrderTests
{
    private static Vote V(long leader, long zxid, long peerEpoch) => new(leader, zxid, 1, peerEpoch, ServerState.Looking, leader);

    public static TheoryData<Vote, Vote, bool> Pairs => new()
    {
        { V(1, 0x100000005, 2), V(3, 0x100000009, 1), true },   // a higher peer epoch beats a higher zxid
        { V(1, 0x100000009, 1), V(3, 0x100000005, 1), true },   // same epoch: the higher zxid wins over a higher id
        { V(3, 0x100000005, 1), V(1, 0x100000005, 1), true },   // same epoch and zxid: the higher id wins
        { V(1, 0x100000005, 1), V(3, 0x100000005, 1), false },
        { V(2, 0x100000005, 1), V(2, 0x100000005, 1), false },  // a vote is not better than itself
        { V(3, 0x100000009, 1), V(1, 0x100000005, 2), false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Votes_are_ordered_by_peer_epoch_then_zxid_then_server_id(Vote candidate, Vote current, bool better) =>
        Assert.Equal(better, candidate.IsBetterThan(current));

    [Fact]
    public void A_candidate_of_weight_zero_is_never_better_even_with_a_newer_log()
    {
        var verifier = new QuorumHierarchical(
            [1, 2, 3], [],
            new Dictionary<long, IReadOnlyList<long>> { [1] = [1, 2, 3] },
            new Dictionary<long, long> { [1] = 1, [2] = 1, [3] = 0 });

        Assert.False(V(3, 0x900000009, 9).IsBetterThan(V(1, 0x100000001, 1), verifier));
        Assert.True(V(2, 0x100000001, 1).IsBetterThan(V(1, 0x100000001, 1), verifier));
    }

    [Fact]
    public void Looking_votes_agree_only_on_the_whole_candidate_including_the_election_epoch()
    {
        var mine = new Vote(3, 0x100000005, 2, 1, ServerState.Looking, 1);
        Assert.True(mine.AgreesWith(mine with { Sid = 2 }));
        Assert.False(mine.AgreesWith(mine with { ElectionEpoch = 3 }));
        Assert.False(mine.AgreesWith(mine with { Zxid = 0x100000006 }));
    }

    [Fact]
    public void Settled_votes_agree_on_leader_and_peer_epoch_alone()
    {
        var following = new Vote(3, 0x100000005, 2, 1, ServerState.Following, 1);
        var leading = new Vote(3, 0x100000009, 7, 1, ServerState.Leading, 3);
        Assert.True(following.AgreesWith(leading));
        Assert.False(following.AgreesWith(leading with { PeerEpoch = 2 }));
    }
}
