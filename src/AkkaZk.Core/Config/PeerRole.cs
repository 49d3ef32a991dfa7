namespace AkkaZk.Config;

/// <summary>ZooKeeper's LearnerType: a voting participant or a non-voting observer.</summary>
public enum PeerRole
{
    Participant,
    Observer,
}
