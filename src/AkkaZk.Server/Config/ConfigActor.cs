using Akka.Actor;
using Akka.Event;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Config;

/// <summary>
/// Holds the node's parsed, validated settings (ZooKeeper's QuorumPeerConfig) and prints them once at startup.
/// Parsing itself happens before the ActorSystem exists, so a bad config never starts a half-built node.
/// </summary>
internal sealed class ConfigActor : ReceiveActor
{
    public sealed record GetSettings
    {
        public static readonly GetSettings Instance = new();
    }

    public ConfigActor(NodeSettings settings)
    {
        var log = Context.GetLogger();
        foreach (var line in settings.Describe())
            log.Info("{0}", line);
        Receive<GetSettings>(_ => Sender.Tell(settings));
        Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Config));
    }

    public static Props Props(NodeSettings settings) => Akka.Actor.Props.Create(() => new ConfigActor(settings));
}
