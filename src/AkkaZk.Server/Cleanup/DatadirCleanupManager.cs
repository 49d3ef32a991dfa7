using Akka.Actor;
using Akka.Event;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Cleanup;

/// <summary>
/// ZooKeeper's DatadirCleanupManager: every autopurge.purgeInterval hours asks the txn log to keep
/// autopurge.snapRetainCount snapshots and drop the journal entries the oldest kept one covers. Off when the interval is 0 or less.
/// </summary>
internal sealed class DatadirCleanupManager : ReceiveActor, IWithTimers
{
    public sealed record PurgeTask
    {
        public static readonly PurgeTask Instance = new();
    }

    /// <summary>What is sent to the txn log on each purge.</summary>
    public sealed record Purge(int RetainCount);

    public ITimerScheduler Timers { get; set; } = null!;

    public DatadirCleanupManager(int snapRetainCount, int purgeIntervalHours, Func<IActorRef?> txnLog)
    {
        var log = Context.GetLogger();
        var retain = Math.Max(3, snapRetainCount);
        Receive<PurgeTask>(_ =>
        {
            var target = txnLog();
            if (target is null)
                return;
            log.Info("purging: keeping the {0} most recent snapshots", retain);
            target.Tell(new Purge(retain));
        });
        log.Info("autopurge.snapRetainCount set to {0}", retain);
        log.Info("autopurge.purgeInterval set to {0}", purgeIntervalHours);
        _interval = purgeIntervalHours > 0 ? TimeSpan.FromHours(purgeIntervalHours) : null;
        if (_interval is null)
            log.Info("Purge task is not scheduled.");
    }

    private readonly TimeSpan? _interval;

    protected override void PreStart()
    {
        if (_interval is { } interval)
            Timers.StartPeriodicTimer("purge", PurgeTask.Instance, interval);
        Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Cleanup));
    }

    public static Props Props(int snapRetainCount, int purgeIntervalHours, Func<IActorRef?> txnLog) =>
        Akka.Actor.Props.Create(() => new DatadirCleanupManager(snapRetainCount, purgeIntervalHours, txnLog));
}
