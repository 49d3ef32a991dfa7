using Akka.Actor;
using AkkaZk.Config;
using AkkaZk.QuorumPeer;
using Microsoft.Extensions.Hosting;

namespace AkkaZk.Hosting;

/// <summary>
/// The one hosted service of a node: creates the ActorSystem and the QuorumPeer root on start, runs
/// CoordinatedShutdown on stop, and ends the host (with exit code 1 on a fatal error) if the actor system
/// terminates by itself.
/// </summary>
public sealed class NodeHostedService(NodeSettings settings, Akka.Configuration.Config hocon, IHostApplicationLifetime lifetime) : IHostedService
{
    private ActorSystem? _system;

    public ActorSystem System => _system ?? throw new InvalidOperationException("node not started");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var txnLog = NodeActorSystem.TxnLogSettingsFor(settings, hocon);
        NodeActorSystem.PrepareDataDirs(settings, txnLog);
        // Akka.Remote's DotNetty samples one buffer in 128 for leak tracking and takes a stack trace for each: a
        // diagnostic for DotNetty's own developers, paid on the replication path
        DotNetty.Common.ResourceLeakDetector.Level = DotNetty.Common.ResourceLeakDetector.DetectionLevel.Disabled;
        _system = ActorSystem.Create(NodeActorSystem.Name, NodeActorSystem.BuildConfig(hocon, txnLog, settings));
        _system.ActorOf(QuorumPeerProtocol.Props(NodeChildren.Create(settings, txnLog)), ActorNames.QuorumPeer);
        _system.WhenTerminated.ContinueWith(_ =>
        {
            var reason = CoordinatedShutdown.Get(_system).ShutdownReason;
            if (reason is FatalErrorReason fatal)
            {
                Console.Error.WriteLine($"akkazk: stopped: {fatal.Message}");
                Environment.ExitCode = 1;
            }
            lifetime.StopApplication();
        }, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is null)
            return;
        await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClrExitReason.Instance);
    }
}
