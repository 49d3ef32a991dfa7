using System.Diagnostics;
using System.Text.Json;
using AkkaZk.ProcessTests.Durability;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// Sessions are the ensemble's, not one server's: a client moves to another server with its session and its
/// ephemerals; closing the session anywhere removes them everywhere; a session whose client vanished is expired
/// by the leader after its timeout, wherever the client was connected.
/// </summary>
public sealed class GlobalSessionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("follower")]
    [InlineData("leader")]
    public async Task Kazoo_session_keeps_its_ephemeral_when_its_server_is_killed_and_closing_it_removes_the_ephemeral_everywhere(string killed)
    {
        await TestDependencies.EnsureAsync();
        await using var ensemble = await AkkaZkEnsemble.StartAsync("session-move");
        var leader = await ensemble.WaitForLeaderAsync();
        var a = killed == "leader" ? leader : (leader + 1) % ensemble.Count;
        var others = Enumerable.Range(0, ensemble.Count).Where(i => i != a).ToList();
        var hosts = string.Join(',', others.Prepend(a).Select(i => ensemble[i].ConnectString));
        const string path = "/moving-ephemeral";

        var args = new List<string> { "--hosts", hosts, "--kill-pid", ensemble[a].Pid.ToString(), "--path", path, "--timeout", "8" };
        if (killed == "leader")
            args.Add("--new-leader");

        var result = await ClientScripts.RunAsync("ensemble_session.py", args, TimeSpan.FromMinutes(1));
        output.WriteLine($"server {a + 1} ({killed}) killed under the session: {result.StdOut.Trim()}");

        Assert.True(result.Succeeded, result.Describe() + "\n" + ensemble.Diagnostics());
        var seen = JsonDocument.Parse(result.StdOut.Trim().Split('\n')[^1]).RootElement;
        Assert.Contains(seen.GetProperty("moved_to").GetInt32(), others.Select(i => ensemble.Ports[i].Client));
        Assert.False(ensemble[a].IsRunning, $"server {a + 1} is still running after the client's SIGKILL");
        foreach (var i in others)
            Assert.True(await EnsembleReads.StatOnAsync(ensemble.Ports[i].Client, path) is null,
                $"the closed session's ephemeral {path} is still on server {i + 1}\n{ensemble.Diagnostics()}");

        await ensemble.RestartAsync(a);
        await ensemble.WaitForLeaderAsync();
        Assert.True(await EnsembleReads.StatOnAsync(ensemble.Ports[a].Client, path) is null,
            $"the closed session's ephemeral {path} is back on the restarted server {a + 1}\n{ensemble.Diagnostics()}");
        for (var i = 0; i < ensemble.Count; i++)
        {
            var mntr = await EnsembleReads.MntrAsync(ensemble.Ports[i].Client);
            Assert.Equal("0", mntr["zk_ephemerals_count"]);
        }
    }

    [Fact]
    public async Task Session_whose_client_vanished_is_expired_by_the_leader_and_its_ephemeral_vanishes_from_every_server()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("session-expiry");
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = (leader + 1) % ensemble.Count;
        const int timeoutMs = 2000;
        const string path = "/vanishing";
        var ports = ensemble.Ports.Select(p => p.Client).ToList();

        var client = await EnsembleReads.ConnectDirectAsync(ports[follower], timeoutMs);
        Assert.Equal(timeoutMs, client.NegotiatedTimeoutMs);
        var sessionId = client.SessionId;
        await client.CreateAsync(path, "mine", AkkaZk.Protocol.CreateMode.Ephemeral);
        foreach (var port in ports)
            Assert.Equal(sessionId, (await EnsembleReads.StatOnAsync(port, path))?.EphemeralOwner);

        var clock = Stopwatch.StartNew();
        await client.DisposeAsync(); // the connection closes, no closeSession: the session lives on until it times out
        var goneAfter = new TimeSpan[ports.Count];
        while (goneAfter.Any(t => t == TimeSpan.Zero))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(timeoutMs) + TimeSpan.FromSeconds(15),
                $"ephemeral of session 0x{sessionId:x} still there {clock.Elapsed.TotalSeconds:F1}s after its client vanished " +
                $"(timeout {timeoutMs} ms)\n{ensemble.Diagnostics()}");
            for (var i = 0; i < ports.Count; i++)
            {
                if (goneAfter[i] == TimeSpan.Zero && await EnsembleReads.StatOnAsync(ports[i], path) is null)
                    goneAfter[i] = clock.Elapsed;
            }
            await Task.Delay(50);
        }
        output.WriteLine($"session 0x{sessionId:x} (timeout {timeoutMs} ms, client on follower {follower + 1}, leader {leader + 1}): " +
            $"ephemeral gone after {string.Join(", ", goneAfter.Select((t, i) => $"{t.TotalSeconds:F2}s on server {i + 1}"))}");

        // the last touch was at most a third of the timeout before the client vanished (pings), so the session
        // cannot have ended before two thirds of its timeout: it was not ended by the broken connection
        Assert.True(goneAfter.Min() >= TimeSpan.FromMilliseconds(timeoutMs * 2 / 3),
            $"the ephemeral vanished {goneAfter.Min().TotalSeconds:F2}s after the disconnect, before the session could time out");
        var expiring = $"Expiring session 0x{sessionId:x}";
        Assert.True(ensemble[leader].AllStdOut.Contains(expiring, StringComparison.Ordinal),
            $"the leader (server {leader + 1}) did not log '{expiring}'\n{ensemble.Diagnostics()}");
        foreach (var i in Enumerable.Range(0, ensemble.Count).Where(i => i != leader))
            Assert.DoesNotContain(expiring, ensemble[i].AllStdOut);
    }
}
