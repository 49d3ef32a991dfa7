using AkkaZk.Data;

namespace AkkaZk.Database;

/// <summary>
/// What the data-tree actor needs: the database options, snapCount (a snapshot every snapCount/2..snapCount txns,
/// randomised as ZooKeeper does so servers don't snapshot together) and the container manager's check interval.
/// </summary>
/// <param name="Ensemble">a member of an ensemble: serves only while its Zab role says so.</param>
/// <param name="ReadOnly">set when readonlymode.enabled: serve read-only clients while cut off from the quorum.</param>
/// <param name="ConfigData">an ensemble member's /zookeeper/config text, set after every load of the tree.</param>
/// <param name="CommittedLogSize">how many recent txns a leader keeps to sync a follower by DIFF instead of SNAP.</param>
public sealed record DataTreeSettings(DatabaseOptions Database, int SnapCount, TimeSpan ContainerCheckInterval,
    bool Ensemble = false, int CommittedLogSize = 10_000, byte[]? ConfigData = null, ReadOnlyMode? ReadOnly = null)
{
    public static DataTreeSettings Default => new(new DatabaseOptions(), 100_000, TimeSpan.FromMinutes(1));
}
