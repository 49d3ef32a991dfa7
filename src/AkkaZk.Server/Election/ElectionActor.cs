using Akka.Actor;
using Akka.Event;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Election;

/// <summary>
/// Leader election (ZooKeeper's FastLeaderElection). A standalone node has no peers: it leads at once,
/// through the same pipeline an ensemble leader uses.
/// </summary>
internal sealed class ElectionActor : ReceiveActor
{
    public enum ServerState { Looking, Following, Leading, Observing, Standalone }

    public sealed record GetState
    {
        public static readonly GetState Instance = new();
    }

    public sealed record State(ServerState Mode, long LeaderId);

    public ElectionActor(bool standalone, long myId)
    {
        var log = Context.GetLogger();
        var state = standalone ? new State(ServerState.Standalone, myId) : new State(ServerState.Looking, -1);
        if (standalone)
            log.Info("standalone server: serving without leader election");
        else
            log.Warning("ensemble mode is not available yet: this server stays LOOKING and serves no writes");
        Receive<GetState>(_ => Sender.Tell(state));
        Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Election));
    }

    public static Props Props(bool standalone, long myId) => Akka.Actor.Props.Create(() => new ElectionActor(standalone, myId));
}
