using System.Diagnostics;

namespace AkkaZk.ProcessTests.Locks;

/// <summary>
/// The faults of one lock stress run, the same for both systems, each one only after both clients made progress
/// since the previous (so every fault lands on a busy lock): SIGKILL of the leader (restarted once a survivor
/// leads), SIGKILL of a follower (restarted a moment later), SIGSTOP of a follower for longer than syncLimit ticks
/// (the leader drops it) but shorter than the session timeout, then SIGCONT. After each fault the ensemble must
/// again have one leader and two serving followers. Returns what happened when, in seconds since the start.
/// </summary>
public static class LockFaultSchedule
{
    public const int ProgressBetweenFaults = 150;
    private static readonly TimeSpan FollowerDownFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PausedFor = TimeSpan.FromSeconds(7);
    private static readonly TimeSpan ProgressTimeout = TimeSpan.FromSeconds(60);

    public static async Task<FaultLog> RunAsync(FaultableEnsemble ensemble, LockStressClients clients)
    {
        var log = new List<string>();
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        void Note(string what) => log.Add($"{clock.Elapsed.TotalSeconds,5:F1}s {what} ({Progressed(clients)})");

        await ProgressAsync(clients, ensemble);
        var leader = await ensemble.WaitForLeaderAsync();
        await ensemble.KillAsync(leader);
        Note($"SIGKILL leader {leader + 1}");
        var survivors = Enumerable.Range(0, ensemble.Count).Where(i => i != leader).ToList();
        var next = await ensemble.WaitForLeaderAsync(survivors);
        Note($"server {next + 1} leads");
        await ensemble.RestartAsync(leader);
        await ensemble.WaitForLeaderAsync();
        Note($"server {leader + 1} back");

        await ProgressAsync(clients, ensemble);
        leader = await ensemble.WaitForLeaderAsync();
        var follower = (leader + 1) % ensemble.Count;
        await ensemble.KillAsync(follower);
        Note($"SIGKILL follower {follower + 1}");
        await Task.Delay(FollowerDownFor);
        await ensemble.RestartAsync(follower);
        await ensemble.WaitForLeaderAsync();
        Note($"server {follower + 1} back");

        await ProgressAsync(clients, ensemble);
        leader = await ensemble.WaitForLeaderAsync();
        var paused = (leader + 2) % ensemble.Count;
        await ensemble.PauseAsync(paused);
        Note($"SIGSTOP follower {paused + 1}");
        await Task.Delay(PausedFor);
        await ensemble.ResumeAsync(paused);
        Note($"SIGCONT follower {paused + 1}");
        await ensemble.WaitForLeaderAsync();
        Note($"server {paused + 1} serves again");

        await ProgressAsync(clients, ensemble);
        Note("end");
        return new FaultLog(start, log);
    }

    /// <summary>What happened when; <paramref name="StartUnixMs"/> is the zero of its times, on the clients' clock.</summary>
    public sealed record FaultLog(long StartUnixMs, IReadOnlyList<string> Lines);

    private static string Progressed(LockStressClients clients)
    {
        var (kazoo, curator) = clients.Progress();
        return $"{kazoo} kazoo + {curator} Curator acquisitions so far";
    }

    /// <summary>Waits until both clients recorded <see cref="ProgressBetweenFaults"/> more acquisitions.</summary>
    private static async Task ProgressAsync(LockStressClients clients, FaultableEnsemble ensemble)
    {
        var (kazoo, curator) = clients.Progress();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var now = clients.Progress();
            if (now.Kazoo >= kazoo + ProgressBetweenFaults && now.Curator >= curator + ProgressBetweenFaults)
                return;
            if (clients.AnyExited || clock.Elapsed > ProgressTimeout)
            {
                throw new InvalidOperationException($"lock clients stalled at {now.Kazoo} kazoo and {now.Curator} Curator " +
                    $"acquisitions (from {kazoo} and {curator}) after {clock.Elapsed.TotalSeconds:F0}s\n" +
                    clients.Diagnostics() + "\n" + ensemble.Diagnostics());
            }
            await Task.Delay(250);
        }
    }
}
