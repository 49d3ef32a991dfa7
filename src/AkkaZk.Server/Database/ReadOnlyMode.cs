namespace AkkaZk.Database;

/// <summary>
/// readonlymode.enabled: an ensemble member cut off from the quorum serves read-only clients from its own tree
/// (ZooKeeper's ReadOnlyZooKeeperServer). The data tree switches it; connections, isro and the admin server read it.
/// </summary>
public sealed class ReadOnlyMode(TimeSpan delay)
{
    private volatile bool _active;

    /// <summary>How long a server stays LOOKING before it serves read-only (ZooKeeper: max(2 s, tickTime)).</summary>
    public TimeSpan Delay { get; } = delay;

    public bool Active
    {
        get => _active;
        internal set => _active = value;
    }
}
