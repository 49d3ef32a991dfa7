using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// readonlymode.enabled: a server that lost its quorum serves read-only clients (kazoo's read_only=True) from its
/// own tree, refuses their writes with NOTREADONLY and turns read-write clients away; when the quorum is back it
/// serves read-write again.
/// </summary>
public sealed class EnsembleReadOnlyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_server_cut_off_from_its_quorum_serves_read_only_clients_until_the_quorum_is_back()
    {
        await TestDependencies.EnsureAsync();
        await using var ensemble = await AkkaZkEnsemble.StartAsync("read-only",
            systemProperties: new Dictionary<string, string> { ["readonlymode.enabled"] = "true" });
        var written = await ClientScripts.RunAsync("read_only.py", ["write", ensemble.ConnectString, "/ro", "before"], ScriptTimeout);
        Assert.True(written.Succeeded, written.Describe());

        var survivor = await ensemble.WaitForLeaderAsync();
        var others = Enumerable.Range(0, ensemble.Count).Where(i => i != survivor).ToList();
        foreach (var other in others)
            await ensemble.KillAsync(other);
        Assert.True(await WaitForIsroAsync(ensemble.Ports[survivor].Client, "ro"), "the lone server never went read-only\n" + ensemble.Diagnostics());

        var checkedRo = await ClientScripts.RunAsync("read_only.py", ["check", ensemble[survivor].ConnectString, "/ro", "before"], ScriptTimeout);
        output.WriteLine(checkedRo.StdOut);
        Assert.True(checkedRo.Succeeded, checkedRo.Describe() + "\n" + ensemble.Diagnostics());
        Assert.Contains("read_only: ok", checkedRo.StdOut);

        foreach (var other in others)
            await ensemble.RestartAsync(other);
        await ensemble.WaitForLeaderAsync();
        Assert.True(await WaitForIsroAsync(ensemble.Ports[survivor].Client, "rw"), "the server stayed read-only with its quorum back");
        var after = await ClientScripts.RunAsync("read_only.py", ["write", ensemble[survivor].ConnectString, "/ro", "after"], ScriptTimeout);
        Assert.True(after.Succeeded, after.Describe() + "\n" + ensemble.Diagnostics());
    }

    private static async Task<bool> WaitForIsroAsync(int port, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await FourLetterWords.AskAsync(port, "isro", TimeSpan.FromSeconds(2)) == expected)
                return true;
            await Task.Delay(200);
        }
        return false;
    }
}
