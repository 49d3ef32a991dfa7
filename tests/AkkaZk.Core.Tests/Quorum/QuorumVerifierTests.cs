using AkkaZk.Config;
using AkkaZk.Quorum;
using Xunit;

namespace AkkaZk.Tests.Quorum;

// QuorumMaj and QuorumHierarchical of ZooKeeper 3.8. The hierarchical sets and weights below were checked against
// the 3.8.0 jar's QuorumHierarchical. Raw QuorumMaj.containsQuorum counts any id (it says {1, 4, 5} is a quorum with
// 4 and 5 observers); ZooKeeper never asks it that way (SyncedLearnerTracker and the Leader add participants only),
// so our verifiers drop non-voters themselves.
public class QuorumVerifierTests
{
    [Theory]
    [InlineData(3, new long[] { 1 }, false)]
    [InlineData(3, new long[] { 1, 3 }, true)]
    [InlineData(4, new long[] { 1, 2 }, false)]
    [InlineData(4, new long[] { 1, 2, 4 }, true)]
    [InlineData(5, new long[] { 2, 4 }, false)]
    [InlineData(5, new long[] { 2, 4, 5 }, true)]
    public void A_majority_quorum_needs_more_than_half_of_the_participants(int participants, long[] acks, bool quorum)
    {
        var verifier = new QuorumMajority(Enumerable.Range(1, participants).Select(i => (long)i));
        Assert.Equal(participants / 2, verifier.Half);
        Assert.Equal(quorum, verifier.ContainsQuorum(acks));
    }

    [Fact]
    public void Observers_neither_raise_the_quorum_size_nor_count_towards_it()
    {
        var verifier = new QuorumMajority([1, 2, 3], [4, 5]);

        Assert.Equal(1, verifier.Half);
        Assert.False(verifier.ContainsQuorum([1, 4, 5]));
        Assert.True(verifier.ContainsQuorum([1, 2]));
        Assert.False(verifier.IsVoter(4));
        Assert.Equal([4L, 5L], verifier.ObservingMembers);
    }

    [Fact]
    public void The_same_server_acknowledged_twice_counts_once()
    {
        Assert.False(new QuorumMajority([1, 2, 3]).ContainsQuorum([1, 1]));
    }

    private static QuorumHierarchical NineInThreeGroups(Dictionary<long, long>? weights = null) =>
        new(
            [1, 2, 3, 4, 5, 6, 7, 8, 9], [],
            new Dictionary<long, IReadOnlyList<long>> { [1] = [1, 2, 3], [2] = [4, 5, 6], [3] = [7, 8, 9] },
            weights ?? []);

    [Fact]
    public void A_hierarchical_quorum_needs_a_majority_of_groups_each_with_a_majority_of_its_weight()
    {
        var verifier = NineInThreeGroups();

        Assert.True(verifier.ContainsQuorum([1, 2, 4, 5]));
        Assert.False(verifier.ContainsQuorum([1, 2, 3, 4, 7]));
        Assert.True(verifier.ContainsQuorum([1, 2, 3, 4, 5, 6]));
        Assert.False(verifier.ContainsQuorum([1, 4, 7]));
    }

    [Fact]
    public void Weights_decide_which_members_make_a_group_majority()
    {
        var verifier = NineInThreeGroups(new Dictionary<long, long> { [1] = 3, [2] = 1, [3] = 1 });

        // Server 1 alone outweighs 2 and 3 in group 1 (3 > 5 / 2).
        Assert.True(verifier.ContainsQuorum([1, 4, 5]));
        Assert.False(verifier.ContainsQuorum([2, 3, 4, 5]));
        Assert.Equal(3, verifier.Weight(1));
        Assert.Equal(1, verifier.Weight(9));
    }

    [Fact]
    public void Weight_zero_servers_never_count_and_a_weightless_group_leaves_the_group_count()
    {
        var verifier = NineInThreeGroups(new Dictionary<long, long> { [7] = 0, [8] = 0, [9] = 0, [3] = 0 });

        // Group 3 weighs nothing: two counted groups, so both remaining groups are needed.
        Assert.False(verifier.ContainsQuorum([7, 8, 9]));
        Assert.False(verifier.ContainsQuorum([1, 2, 7, 8, 9]));
        Assert.True(verifier.ContainsQuorum([1, 2, 4, 5]));
        // In group 1 (weights 1, 1, 0) server 3 adds nothing to server 1.
        Assert.False(verifier.ContainsQuorum([1, 3, 4, 5]));
        Assert.Equal(0, verifier.Weight(3));
    }

    [Fact]
    public void A_hierarchical_verifier_rejects_a_participant_outside_every_group()
    {
        Assert.Throws<ArgumentException>(() => new QuorumHierarchical(
            [1, 2, 3], [], new Dictionary<long, IReadOnlyList<long>> { [1] = [1, 2] }, new Dictionary<long, long>()));
    }

    private static ServerSpec Server(long id, PeerRole role = PeerRole.Participant) => new(id, "127.0.0.1", 2888, 3888, role, null, null);

    [Fact]
    public void Settings_without_groups_give_a_majority_verifier_with_observers_apart()
    {
        var settings = NodeSettings.Standalone("data", 2181) with
        {
            Servers = [Server(1), Server(2), Server(3), Server(4, PeerRole.Observer)],
        };

        var verifier = Assert.IsType<QuorumMajority>(QuorumVerifiers.From(settings));
        Assert.Equal([1L, 2L, 3L], verifier.VotingMembers);
        Assert.Equal([4L], verifier.ObservingMembers);
    }

    [Fact]
    public void Settings_with_groups_give_a_hierarchical_verifier()
    {
        var settings = NodeSettings.Standalone("data", 2181) with
        {
            Servers = [Server(1), Server(2), Server(3), Server(4)],
            Groups = new Dictionary<long, IReadOnlyList<long>> { [1] = [1, 2], [2] = [3, 4] },
            Weights = new Dictionary<long, long> { [1] = 1, [2] = 1, [3] = 1, [4] = 0 },
        };

        var verifier = Assert.IsType<QuorumHierarchical>(QuorumVerifiers.From(settings));
        Assert.True(verifier.ContainsQuorum([1, 2, 3]));
        Assert.False(verifier.ContainsQuorum([1, 2, 4]));
    }
}
