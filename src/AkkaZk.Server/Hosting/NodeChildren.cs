using AkkaZk.Config;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Hosting;

/// <summary>The real children of a node's QuorumPeer, built from its settings.</summary>
public static class NodeChildren
{
    public static QuorumPeerChildren Create(NodeSettings settings) =>
        throw new NotImplementedException(settings.ToString());
}
