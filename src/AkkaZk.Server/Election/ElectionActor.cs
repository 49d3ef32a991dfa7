using Akka.Actor;
using Akka.Event;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Election;

/// <summary>
/// The election step of a standalone node: with no peers it leads at once, through the same pipeline an ensemble
/// leader uses. An ensemble member runs <see cref="FastLeaderElectionActor"/> instead.
/// </summary>
internal sealed class ElectionActor : ReceiveActor
{
    public ElectionActor()
    {
        Context.GetLogger().Info("standalone server: serving without leader election");
        Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Election));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ElectionActor());
}
