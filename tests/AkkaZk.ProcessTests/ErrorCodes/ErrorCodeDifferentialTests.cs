using System.Text;
using AkkaZk.Client;
using AkkaZk.Data;
using AkkaZk.Data.Auth;
using AkkaZk.ProcessTests.Infrastructure;
using AkkaZk.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.ErrorCodes;

/// <summary>
/// Every situation of <see cref="ErrorSituations"/> runs against a standalone Apache ZooKeeper 3.8 and a standalone
/// server under test, each started once; for each, the error codes of its requests (a multi's per-op results
/// included) and whether the connection survived must be the same. Every mismatch is reported at once.
/// </summary>
public sealed class ErrorCodeDifferentialTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> SystemProperties = new()
    {
        ["znode.container.checkIntervalMs"] = "86400000",
        ["zookeeper.DigestAuthenticationProvider.superDigest"] = DigestAuth.Generate(ErrorSituations.SuperPassword),
    };

    [Fact]
    public Task Every_error_situation_gets_Apache_ZooKeepers_error_code() =>
        CompareAsync("errors", new ServerSettings(["reconfigEnabled=true"], SystemProperties), ErrorSituations.Standalone);

    [Fact]
    public Task Reconfig_with_reconfig_disabled_gets_Apache_ZooKeepers_error_code() =>
        CompareAsync("errors-noreconfig", new ServerSettings([], SystemProperties), ErrorSituations.ReconfigDisabled);

    private async Task CompareAsync(string purpose, ServerSettings settings, IReadOnlyList<ErrorSituation> situations)
    {
        await TestDependencies.EnsureAsync();
        var starting = ReferenceZooKeeper.StartAsync(purpose, settings);
        await using var target = await ServerUnderTest.StartAsync(purpose, settings);
        await using var reference = await starting;

        var mismatches = new List<string>();
        var table = new StringBuilder();
        for (var i = 0; i < situations.Count; i++)
        {
            var situation = situations[i];
            var root = $"/ec{i}";
            var outcomes = await Task.WhenAll(RunAsync(reference, root, situation), RunAsync(target, root, situation));
            table.AppendLine($"{situation.Name}: {outcomes[0]}");
            if (outcomes[0] != outcomes[1])
                mismatches.Add($"{situation.Name}\n  {reference.Name}: {outcomes[0]}\n  {target.Name}: {outcomes[1]}");
        }
        output.WriteLine(table.ToString());
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {situations.Count} situations differ:\n" + string.Join('\n', mismatches));
    }

    private static async Task<string> RunAsync(IZkServer server, string root, ErrorSituation situation)
    {
        try
        {
            await using (var setup = await ZkClient.ConnectAsync("127.0.0.1", server.ClientPort))
                await setup.CreateAsync(root, [], CreateMode.Persistent, Acl.OpenAclUnsafe);
            await using var probe = await ErrorCodeProbe.OpenAsync("127.0.0.1", server.ClientPort, root);
            try
            {
                await situation.Run(probe);
            }
            catch (Exception e) when (e is ZkException or IOException or System.Net.Sockets.SocketException)
            {
                return $"{probe.Outcome}; harness failure: {e.Message}";
            }
            return $"{probe.Outcome} | {await probe.ConnectionStateAsync()}";
        }
        catch (Exception e) when (e is ZkException or IOException or System.Net.Sockets.SocketException)
        {
            return $"server unreachable: {e.Message}";
        }
    }
}
