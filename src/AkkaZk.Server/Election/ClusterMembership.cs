using Akka.Actor;
using AkkaZk.Hosting;
using AkkaZk.Zab;

namespace AkkaZk.Election;

/// <summary>
/// Akka.Cluster membership, for inspection only, formed by whichever quorum of servers elects a leader first. A
/// fixed seed order would let the cluster form only once the first seed is up (Akka lets only the first seed node
/// start a cluster). So a starting server only asks to join (<see cref="JoinExisting"/>: never first seed, it can
/// join a cluster but not start one), and once an election has decided, the leader becomes first seed
/// (<see cref="JoinAfterElection"/>): Akka's first-seed process asks the other voters first, so an existing cluster
/// is joined rather than split, and starts one only if none of them is a member yet. The join requests also keep
/// Akka.Remote reconnecting to peers while the server is LOOKING, so a healed link is noticed at once.
/// </summary>
internal static class ClusterMembership
{
    public static void JoinExisting(ActorSystem system, EnsembleView view) =>
        Join(system, view.Verifier.VotingMembers.Where(sid => sid != view.MyId).Order().Append(view.MyId), view);

    public static void JoinAfterElection(ActorSystem system, EnsembleView view, long leaderSid) =>
        Join(system, view.Verifier.VotingMembers.Where(sid => sid != leaderSid).Order().Prepend(leaderSid), view);

    private static void Join(ActorSystem system, IEnumerable<long> seeds, EnsembleView view)
    {
        if (!NodeActorSystem.RunsCluster(system))
            return;
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (cluster.State.Members.Any(m => m.Address == cluster.SelfAddress))
            return; // a member already: Akka keeps it through later elections
        cluster.JoinSeedNodes(seeds.Distinct().Select(view.AddressOf).ToList());
    }
}
