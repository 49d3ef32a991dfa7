using Akka.Actor;
using Akka.Event;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Election;

/// <summary>
/// Leader election (ZooKeeper's FastLeaderElection). A standalone node has no peers: it leads at once, through the
/// same pipeline an ensemble leader uses. The ensemble's vote exchange will run the pure <see cref="ElectionRound"/>.
/// </summary>
internal sealed class ElectionActor : ReceiveActor
{
    public ElectionActor(bool standalone)
    {
        var log = Context.GetLogger();
        if (standalone)
            log.Info("standalone server: serving without leader election");
        else
            log.Warning("ensemble mode is not available yet: this server stays LOOKING and serves no writes");
        Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Election));
    }

    public static Props Props(bool standalone) => Akka.Actor.Props.Create(() => new ElectionActor(standalone));
}
