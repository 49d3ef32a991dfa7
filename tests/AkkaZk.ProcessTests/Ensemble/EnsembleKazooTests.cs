using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>The kazoo compatibility suite (tests/clients/kazoo_suite.py) against a 3-server ensemble.</summary>
public sealed class EnsembleKazooTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Kazoo_suite_passes_with_every_server_of_the_ensemble_in_the_connect_string()
    {
        await TestDependencies.EnsureAsync();
        await using var ensemble = await AkkaZkEnsemble.StartAsync("kazoo-all", extraLines: ["maxSessionTimeout=20000"]);

        var result = await ClientScripts.RunAsync("kazoo_suite.py", [ensemble.ConnectString], SuiteTimeout);
        output.WriteLine($"{result.StdOut}\nsuite took {result.Elapsed.TotalSeconds:F1}s");

        Assert.True(result.Succeeded, result.Describe() + "\n" + ensemble.Diagnostics());
        Assert.Contains("kazoo_suite: all checks passed", result.StdOut);
    }

    [Fact]
    public async Task Kazoo_suite_passes_against_a_follower_alone()
    {
        await TestDependencies.EnsureAsync();
        await using var ensemble = await AkkaZkEnsemble.StartAsync("kazoo-follower", extraLines: ["maxSessionTimeout=20000"]);
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = (leader + 1) % ensemble.Count;

        var result = await ClientScripts.RunAsync("kazoo_suite.py", [ensemble[follower].ConnectString], SuiteTimeout);
        output.WriteLine($"{result.StdOut}\nsuite took {result.Elapsed.TotalSeconds:F1}s against server {follower + 1} (follower of {leader + 1})");

        Assert.True(result.Succeeded, result.Describe() + "\n" + ensemble.Diagnostics());
        Assert.Contains("kazoo_suite: all checks passed", result.StdOut);
        Assert.Equal("follower", await ensemble.ModeAsync(follower));
    }
}
