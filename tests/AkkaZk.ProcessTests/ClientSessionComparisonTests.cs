using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests;

/// <summary>zkCli, the C client and node-zookeeper-client each run one scripted session against fresh Apache
/// ZooKeeper and a fresh server under test; the normalised outputs (zxid values included) must be equal.</summary>
public sealed class ClientSessionComparisonTests
{
    [Theory]
    [InlineData("zkcli_session.sh")]
    [InlineData("cli_mt_session.sh")]
    [InlineData("node/node_client.js")]
    public async Task Client_session_output_matches_Apache_ZooKeeper(string session)
    {
        await TestDependencies.EnsureAsync();
        await using var reference = await ReferenceZooKeeper.StartAsync("compare", ServerSettings.Deterministic);
        await using var target = await ServerUnderTest.StartAsync("compare", ServerSettings.Deterministic);

        var result = await ClientScripts.RunAsync("compare.sh", [session, reference.ConnectString, target.ConnectString],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["ZK_COMPARE_ZXIDS"] = "absolute" });

        Assert.True(result.Succeeded, ClientScripts.Explain(result, reference, target));
    }
}
