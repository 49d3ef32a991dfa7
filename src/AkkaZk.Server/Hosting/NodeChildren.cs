using Akka.Actor;
using AkkaZk.Cleanup;
using AkkaZk.Config;
using AkkaZk.Election;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Hosting;

/// <summary>The real children of a node's QuorumPeer, built from its settings. Siblings find each other by name.</summary>
public static class NodeChildren
{
    public static QuorumPeerChildren Create(NodeSettings settings) => new(new Dictionary<string, Func<Props>>
    {
        [ActorNames.Config] = () => ConfigActor.Props(settings),
        [ActorNames.Cleanup] = () => DatadirCleanupManager.Props(settings.AutopurgeSnapRetainCount, settings.AutopurgePurgeIntervalHours, () => null),
        [ActorNames.Election] = () => ElectionActor.Props(settings.IsStandalone, settings.MyId),
    });
}
