using AkkaZk.Data;

namespace AkkaZk.Database;

/// <summary>
/// What the data-tree actor needs: the database options, snapCount (a snapshot every snapCount/2..snapCount txns,
/// randomised as ZooKeeper does so servers don't snapshot together) and the container manager's check interval.
/// </summary>
public sealed record DataTreeSettings(DatabaseOptions Database, int SnapCount, TimeSpan ContainerCheckInterval)
{
    public static DataTreeSettings Default => new(new DatabaseOptions(), 100_000, TimeSpan.FromMinutes(1));
}
