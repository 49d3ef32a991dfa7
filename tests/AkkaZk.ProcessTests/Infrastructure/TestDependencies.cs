namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>Runs scripts/install-test-deps.sh once per test run (fast when everything is present).</summary>
public static class TestDependencies
{
    private static readonly Lazy<Task<ProcessResult>> Install = new(() =>
        ProcessRunner.RunAsync(Path.Combine(RepoPaths.Scripts, "install-test-deps.sh"), [], TimeSpan.FromMinutes(5)));

    public static async Task EnsureAsync()
    {
        var result = await Install.Value;
        if (!result.Succeeded)
            throw new InvalidOperationException("scripts/install-test-deps.sh failed:\n" + result.Describe());
    }
}
