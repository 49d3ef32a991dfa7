using System.Globalization;
using System.Text.Json;
using AkkaZk.Client;
using AkkaZk.ProcessTests.Durability;
using AkkaZk.ProcessTests.Infrastructure;
using AkkaZk.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// A learner answers a reconnect only once the leader confirmed the session (ZooKeeper's REVALIDATE): a follower of
/// a leader that just died grants no session it must drop a moment later, and a follower that was cut off while
/// the leader expired a session does not bring that session back.
/// </summary>
public sealed class SessionRevalidationTests(ITestOutputHelper output)
{
    private const int Clients = 6;

    [Fact]
    public async Task Clients_of_a_killed_leader_are_told_connected_once_and_by_a_server_that_keeps_them()
    {
        await TestDependencies.EnsureAsync();
        await using var ensemble = await AkkaZkEnsemble.StartAsync("revalidate-kill");
        var leader = await ensemble.WaitForLeaderAsync();
        var hosts = string.Join(',', Enumerable.Range(0, ensemble.Count).Select(i => ensemble[i].ConnectString));

        var result = await ClientScripts.RunAsync("leader_kill_reconnects.py",
            ["--hosts", hosts, "--kill-pid", ensemble[leader].Pid.ToString(CultureInfo.InvariantCulture), "--clients", Clients.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(1));
        Assert.True(result.Succeeded, result.Describe() + "\n" + ensemble.Diagnostics());

        var clients = JsonDocument.Parse(result.StdOut.Trim().Split('\n')[^1]).RootElement.GetProperty("clients").EnumerateArray()
            .Select(c => (StartedOn: c.GetProperty("started_on").GetInt32(),
                Events: c.GetProperty("events").EnumerateArray().Select(e => (At: e[0].GetDouble(), State: e[1].GetString()!, Port: e[2].ValueKind == JsonValueKind.Number ? e[2].GetInt32() : 0)).ToList()))
            .ToList();
        foreach (var (startedOn, events) in clients)
            output.WriteLine($"client started on {startedOn}: " + string.Join(", ", events.Select(e => $"{e.At * 1000:F0} ms {e.State}{(e.Port > 0 ? " on " + e.Port : "")}")));

        Assert.Contains(clients, c => c.StartedOn == ensemble.Ports[leader].Client);
        // every server closed its connections (the leader died, the followers went looking): each client was told
        // CONNECTED once afterwards, by a server of the new leader, and kept that connection
        Assert.All(clients, c => Assert.True(
            c.Events.Count(e => e.State == "CONNECTED") == 1 && c.Events[^1].State == "CONNECTED",
            $"client that started on {c.StartedOn}: {string.Join(", ", c.Events.Select(e => $"{e.At * 1000:F0} ms {e.State} {e.Port}"))}\n{ensemble.Diagnostics()}"));
        Assert.All(clients, c => Assert.NotEqual(ensemble.Ports[leader].Client, c.Events[^1].Port));
    }

    [Fact]
    public async Task A_follower_stopped_while_the_leader_expired_a_session_answers_expired_when_it_resumes()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("revalidate-stop");
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = (leader + 1) % ensemble.Count;
        var ports = ensemble.Ports.Select(p => p.Client).ToList();
        const string path = "/expiring";

        // a session on the follower, then silence: the leader expires it after its timeout (2 ticks, the minimum)
        var client = await EnsembleReads.ConnectDirectAsync(ports[follower], 2 * ensemble.TickTime);
        var (sessionId, password) = (client.SessionId, client.Password);
        await client.CreateAsync(path, "mine", CreateMode.Ephemeral);
        await client.DisposeAsync();
        await SignalAsync(ensemble[follower].Pid, "STOP");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (await EnsembleReads.StatOnAsync(ports[leader], path) is not null)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the leader did not expire session 0x{sessionId:x}\n{ensemble.Diagnostics()}");
                await Task.Delay(50);
            }
            output.WriteLine($"the leader expired session 0x{sessionId:x} {clock.ElapsedMilliseconds} ms after the follower stopped");
        }
        catch
        {
            await SignalAsync(ensemble[follower].Pid, "CONT");
            throw;
        }

        // the reconnect reaches the follower's socket while it is stopped, so it is among the first things it reads on resuming
        var reconnect = ZkClient.ConnectAsync("127.0.0.1", ports[follower], 2 * ensemble.TickTime, sessionId, password);
        await Task.Delay(200);
        await SignalAsync(ensemble[follower].Pid, "CONT");
        var outcome = await Record.ExceptionAsync(() => reconnect.WaitAsync(TimeSpan.FromSeconds(20)));
        output.WriteLine($"reconnect on the resumed follower: {outcome?.Message ?? "CONNECTED"}");
        Assert.True(outcome is ZkException { Code: ErrorCode.SessionExpired } or IOException,
            $"the resumed follower revived session 0x{sessionId:x} the leader had expired: {outcome?.ToString() ?? "CONNECTED"}\n{ensemble.Diagnostics()}");

        // once it is back with the leader, the follower says expired, as every server does
        var refused = await Record.ExceptionAsync(() => EnsembleReads.ConnectDirectAsync(ports[follower], 2 * ensemble.TickTime, sessionId: sessionId, password: password));
        Assert.True(refused is ZkException { Code: ErrorCode.SessionExpired }, $"{refused?.ToString() ?? "CONNECTED"}\n{ensemble.Diagnostics()}");
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        var result = await ProcessRunner.RunAsync("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        Assert.True(result.Succeeded, result.Describe());
    }
}
