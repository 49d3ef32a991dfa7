using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// The scripted client sessions of <see cref="ClientSessionComparisonTests"/> run against a follower of a fresh
/// 3-server ensemble and against a fresh Apache ZooKeeper; the normalised outputs must be equal. The ensemble's
/// zxids carry its epoch in their high 32 bits, so they are compared without it (ZK_COMPARE_ZXIDS=counter): the
/// counter within the epoch must still match Apache ZooKeeper's zxid exactly.
/// </summary>
public sealed class EnsembleClientSessionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("zkcli_session.sh")]
    [InlineData("cli_mt_session.sh")]
    [InlineData("node/node_client.js")]
    public async Task Client_session_against_a_follower_matches_Apache_ZooKeeper(string session)
    {
        await TestDependencies.EnsureAsync();
        await using var reference = await ReferenceZooKeeper.StartAsync("ens-compare", ServerSettings.Deterministic);
        await using var ensemble = await AkkaZkEnsemble.StartAsync("compare",
            systemProperties: ServerSettings.Deterministic.SystemProperties);
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = ensemble[(leader + 1) % ensemble.Count];

        var result = await ClientScripts.RunAsync("compare.sh", [session, reference.ConnectString, follower.ConnectString],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["ZK_COMPARE_ZXIDS"] = "counter" });
        output.WriteLine(result.StdOut);

        Assert.True(result.Succeeded, ClientScripts.Explain(result, reference) + "\n" + ensemble.Diagnostics());
        Assert.Equal("follower", await ensemble.ModeAsync((leader + 1) % ensemble.Count));
    }
}
