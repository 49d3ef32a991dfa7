using System.Globalization;
using AkkaZk.ProcessTests.Ensemble;
using AkkaZk.ProcessTests.Infrastructure;

namespace AkkaZk.ProcessTests.Locks;

/// <summary>
/// A 3-server ensemble of either system, as the lock stress test's fault schedule drives it: find the leader, SIGKILL
/// and restart a member, SIGSTOP and SIGCONT one.
/// </summary>
public abstract class FaultableEnsemble : IAsyncDisposable
{
    public abstract string Name { get; }
    public abstract int Count { get; }
    public abstract string ConnectString { get; }
    public abstract Task<int> WaitForLeaderAsync(IReadOnlyCollection<int>? members = null);
    public abstract Task KillAsync(int index);
    public abstract Task RestartAsync(int index);
    public abstract int Pid(int index);
    public abstract string Diagnostics();
    public abstract ValueTask DisposeAsync();

    /// <summary>SIGSTOP: the process stays, its sockets stay open, nothing answers.</summary>
    public Task PauseAsync(int index) => SignalAsync("-STOP", index);

    public Task ResumeAsync(int index) => SignalAsync("-CONT", index);

    private async Task SignalAsync(string signal, int index)
    {
        var result = await ProcessRunner.RunAsync("kill", [signal, Pid(index).ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (!result.Succeeded)
            throw new InvalidOperationException($"kill {signal} of server {index + 1} failed:\n{result.Describe()}");
    }

    /// <summary>zoo.cfg lines both systems get: sessions long enough to outlive a killed or paused server.</summary>
    public static IReadOnlyList<string> SharedLines { get; } = ["maxSessionTimeout=30000"];

    public static async Task<FaultableEnsemble> StartAkkaZkAsync(string purpose) =>
        new AkkaZkMembers(await AkkaZkEnsemble.StartAsync(purpose, extraLines: SharedLines));

    public static async Task<FaultableEnsemble> StartZooKeeperAsync(string purpose) =>
        new ZooKeeperMembers(await ReferenceZooKeeperEnsemble.StartAsync(purpose, tickTime: AkkaZkEnsemble.DefaultTickTime, extraLines: SharedLines));

    private sealed class AkkaZkMembers(AkkaZkEnsemble ensemble) : FaultableEnsemble
    {
        public override string Name => "AkkaZk";
        public override int Count => ensemble.Count;
        public override string ConnectString => ensemble.ConnectString;
        public override Task<int> WaitForLeaderAsync(IReadOnlyCollection<int>? members = null) => ensemble.WaitForLeaderAsync(members: members);
        public override Task KillAsync(int index) => ensemble.KillAsync(index);
        public override Task RestartAsync(int index) => ensemble.RestartAsync(index);
        public override int Pid(int index) => ensemble[index].Pid;
        public override string Diagnostics() => ensemble.Diagnostics();

        public override async ValueTask DisposeAsync()
        {
            for (var i = 0; i < ensemble.Count; i++)
                await ProcessRunner.RunAsync("kill", ["-CONT", Pid(i).ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5));
            await ensemble.DisposeAsync();
        }
    }

    private sealed class ZooKeeperMembers(ReferenceZooKeeperEnsemble ensemble) : FaultableEnsemble
    {
        public override string Name => "Apache ZooKeeper";
        public override int Count => ensemble.Count;
        public override string ConnectString => ensemble.ConnectString;
        public override Task<int> WaitForLeaderAsync(IReadOnlyCollection<int>? members = null) => ensemble.WaitForLeaderAsync(members: members);
        public override Task KillAsync(int index) => ensemble.KillAsync(index);
        public override Task RestartAsync(int index) => ensemble.RestartAsync(index);
        public override int Pid(int index) => ensemble.Pid(index);
        public override string Diagnostics() => ensemble.Diagnostics();
        public override ValueTask DisposeAsync() => ensemble.DisposeAsync();
    }
}
