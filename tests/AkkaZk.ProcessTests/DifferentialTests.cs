using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests;

/// <summary>differential.py runs a seeded random sequence of 10,000 operations from several sessions against fresh
/// Apache ZooKeeper (A) and a fresh server under test (B) in lockstep; every result, Stat (zxids included) and watch
/// event must be equal.</summary>
public sealed class DifferentialTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Ten_thousand_random_operations_give_the_same_results_as_Apache_ZooKeeper(int seed)
    {
        await TestDependencies.EnsureAsync();
        await using var reference = await ReferenceZooKeeper.StartAsync("diff", ServerSettings.Deterministic);
        await using var target = await ServerUnderTest.StartAsync("diff", ServerSettings.Deterministic);

        var result = await ClientScripts.RunAsync("differential.py",
            ["--seed", seed.ToString(), "--ops", "10000", "--a", reference.ConnectString, "--b", target.ConnectString],
            RunTimeout);

        Assert.True(result.Succeeded, ClientScripts.Explain(result, reference, target));
    }

    [Fact]
    public async Task Random_operations_with_TTL_nodes_give_the_same_results_as_Apache_ZooKeeper()
    {
        await TestDependencies.EnsureAsync();
        await using var reference = await ReferenceZooKeeper.StartAsync("diff-ttl", ServerSettings.DeterministicWithTtl);
        await using var target = await ServerUnderTest.StartAsync("diff-ttl", ServerSettings.DeterministicWithTtl);

        var result = await ClientScripts.RunAsync("differential.py",
            ["--seed", "3", "--ops", "3000", "--ttl", "--a", reference.ConnectString, "--b", target.ConnectString],
            RunTimeout);

        Assert.True(result.Succeeded, ClientScripts.Explain(result, reference, target));
    }

    /// <summary>Proves the comparison can fail: server B's side is perturbed half-way and the run must notice.</summary>
    [Theory]
    [InlineData("zxid")]
    [InlineData("data")]
    [InlineData("event")]
    public async Task Differential_run_detects_a_deliberate_perturbation(string kind)
    {
        await TestDependencies.EnsureAsync();
        await using var a = await ReferenceZooKeeper.StartAsync("selftest-a", ServerSettings.Deterministic);
        await using var b = await ReferenceZooKeeper.StartAsync("selftest-b", ServerSettings.Deterministic);

        var result = await ClientScripts.RunAsync("differential.py",
            ["--seed", "5", "--ops", "400", "--a", a.ConnectString, "--b", b.ConnectString, "--self-test", kind],
            RunTimeout);

        Assert.True(result.Succeeded, ClientScripts.Explain(result, a, b));
        Assert.Contains($"self-test {kind}: OK", result.StdOut);
    }
}
