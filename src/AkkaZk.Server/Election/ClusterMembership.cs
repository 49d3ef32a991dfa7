using Akka.Actor;
using AkkaZk.Hosting;
using AkkaZk.Zab;

namespace AkkaZk.Election;

/// <summary>
/// Akka.Cluster membership, for inspection only, formed by whichever quorum of servers elects a leader first. A
/// fixed seed order would let the cluster form only once the first seed is up (Akka lets only the first seed node
/// start a cluster); instead each server joins once an election has decided, with the leader as first seed: the
/// leader starts the cluster if no other voter is a member of one yet (Akka's first-seed process asks them first,
/// so an existing cluster is joined rather than split), and every other server joins through whichever voter
/// answers first.
/// </summary>
internal static class ClusterMembership
{
    public static void JoinAfterElection(ActorSystem system, EnsembleView view, long leaderSid)
    {
        if (!NodeActorSystem.RunsCluster(system))
            return;
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (cluster.State.Members.Any(m => m.Address == cluster.SelfAddress))
            return; // a member already: Akka keeps it through later elections
        var seeds = view.Verifier.VotingMembers.Where(sid => sid != leaderSid).Order().Prepend(leaderSid)
            .Select(view.AddressOf).ToList();
        cluster.JoinSeedNodes(seeds);
    }
}
