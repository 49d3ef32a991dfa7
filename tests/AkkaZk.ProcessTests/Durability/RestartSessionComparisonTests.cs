using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// kazoo's request-queuing tests stop a standalone server, queue a request and start the server again: the client
/// must resume its session (or, with a wrong password, get SessionExpired and a new one). Here the same sequence
/// runs on Apache ZooKeeper 3.8 and on the server under test, with the server down for longer than the session
/// timeout: ZooKeeper reloads the sessions from its log and starts their timeouts afresh at the restart, so a
/// returning client still finds its session and an idle one expires one timeout after the restart.
/// </summary>
public sealed class RestartSessionComparisonTests
{
    private const int SessionTimeoutMs = 10_000;
    private static readonly TimeSpan Downtime = TimeSpan.FromMilliseconds(SessionTimeoutMs + 2_000);

    [Fact]
    public async Task Sessions_a_restarted_server_recovered_behave_as_on_Apache_ZooKeeper()
    {
        await TestDependencies.EnsureAsync();
        await using var reference = await ReferenceZooKeeper.StartAsync("restart-session");
        await using var target = (IRestartableZkServer)await ServerUnderTest.StartAsync("restart-session");
        using var dir = new TempDir("restart-session");

        var runs = await Task.WhenAll(
            RunAsync(reference, Path.Combine(dir.Path, "reference.json")),
            RunAsync(target, Path.Combine(dir.Path, "target.json")));

        Assert.True(runs[0].Succeeded, ClientScripts.Explain(runs[0], reference));
        Assert.True(runs[1].Succeeded, ClientScripts.Explain(runs[1], target));
        // the reference shows the sequence means what the summary says
        Assert.Equal(
            """
            idle ephemeral right after the restart: True
            kept session with a wrong password: expired
            kept session with its password: resumed
            kept ephemeral: True
            idle ephemeral gone within its timeout after the restart: True
            kept ephemeral after the idle one expired: True
            """.ReplaceLineEndings("\n").Trim(), runs[0].StdOut.ReplaceLineEndings("\n").Trim());
        Assert.True(runs[0].StdOut == runs[1].StdOut,
            $"the restart sequence differs:\n--- Apache ZooKeeper ---\n{runs[0].StdOut}\n--- {target.Name} ---\n{runs[1].StdOut}\n" +
            ClientScripts.Explain(runs[1], target));
    }

    /// <summary>Opens the two sessions, stops the server for longer than their timeout, restarts it and resumes.</summary>
    private static async Task<ProcessResult> RunAsync(IRestartableZkServer server, string stateFile)
    {
        var opened = await ClientScripts.RunAsync("restart_session.py",
            ["open", server.ConnectString, stateFile, SessionTimeoutMs.ToString()], TimeSpan.FromMinutes(1));
        if (!opened.Succeeded)
            return opened;
        await server.StopAsync();
        await Task.Delay(Downtime);
        await server.RestartAsync();
        return await ClientScripts.RunAsync("restart_session.py", ["resume", server.ConnectString, stateFile],
            TimeSpan.FromMinutes(1));
    }
}
