namespace AkkaZk.Election;

/// <summary>ZooKeeper's QuorumPeer.ServerState, as carried in every election notification.</summary>
public enum ServerState
{
    Looking,
    Following,
    Leading,
    Observing,
}
