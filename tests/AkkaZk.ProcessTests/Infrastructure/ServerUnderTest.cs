namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>
/// Chooses the server the tests judge. By default that is AkkaZk through scripts/akkazk (missing launcher = failing
/// test, never a silent skip). AKKAZK_TARGET=reference puts Apache ZooKeeper there instead, which checks the
/// harness itself: every comparison must then pass.
/// </summary>
public static class ServerUnderTest
{
    public static bool IsReference =>
        string.Equals(Environment.GetEnvironmentVariable("AKKAZK_TARGET"), "reference", StringComparison.OrdinalIgnoreCase);

    public static async Task<IZkServer> StartAsync(string purpose, ServerSettings? settings = null) =>
        IsReference
            ? await ReferenceZooKeeper.StartAsync(purpose + "-target", settings)
            : await AkkaZkNode.StartAsync(purpose, settings);
}
