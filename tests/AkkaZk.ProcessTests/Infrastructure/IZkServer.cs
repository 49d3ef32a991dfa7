namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>A running ZooKeeper-compatible server (Apache ZooKeeper or AkkaZk) that clients reach at <see cref="ConnectString"/>.</summary>
public interface IZkServer : IAsyncDisposable
{
    string Name { get; }
    int ClientPort { get; }
    string ConnectString => $"127.0.0.1:{ClientPort}";

    /// <summary>The server's own output, for failure messages.</summary>
    string Diagnostics();
}

/// <summary>Settings both servers of a comparison get: zoo.cfg lines and Java-style system properties (-Dk=v).</summary>
public sealed record ServerSettings(IReadOnlyList<string> ZooCfgLines, IReadOnlyDictionary<string, string> SystemProperties)
{
    public static ServerSettings Default { get; } = new([], new Dictionary<string, string>());

    /// <summary>
    /// For lockstep comparisons: the container reaper runs on a timer (znode.container.checkIntervalMs, 60 s by
    /// default) and its deletes take zxids, so it is pushed out of reach of a test run on both servers.
    /// </summary>
    public static ServerSettings Deterministic { get; } = new([],
        new Dictionary<string, string> { ["znode.container.checkIntervalMs"] = "86400000" });

    /// <summary><see cref="Deterministic"/> with TTL nodes enabled (zookeeper.extendedTypesEnabled).</summary>
    public static ServerSettings DeterministicWithTtl { get; } = new([],
        new Dictionary<string, string>
        {
            ["znode.container.checkIntervalMs"] = "86400000",
            ["zookeeper.extendedTypesEnabled"] = "true",
        });
}
