using System.Diagnostics;
using Akka.Actor;
using Akka.Event;

namespace AkkaZk.QuorumPeer;

/// <summary>
/// The node's root. Starts one child per concern in ZooKeeper's order, each waiting for the previous to report
/// <see cref="QuorumPeerProtocol.Ready"/>: config → cleanup → txn-log → data-tree → sessions → clients → admin → election.
/// </summary>
internal sealed class QuorumPeerActor : ReceiveActor
{
    private readonly QuorumPeerChildren _children;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<string> _started = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _held = [];
    private int _next;

    public QuorumPeerActor(QuorumPeerChildren children)
    {
        _children = children;
        Starting();
    }

    protected override void PreStart() => StartNext();

    private void Starting()
    {
        Receive<QuorumPeerProtocol.Ready>(ready =>
        {
            if (_started.Contains(ready.Child))
                return;
            if (ready.Child != ActorNames.StartupOrder[_next - 1])
            {
                _log.Warning("child {0} reported ready out of order while starting {1}", ready.Child, ActorNames.StartupOrder[_next - 1]);
                return;
            }
            _started.Add(ready.Child);
            _log.Debug("{0} ready", ready.Child);
            StartNext();
        });
        CommonReceives();
    }

    private void Running()
    {
        Receive<QuorumPeerProtocol.Ready>(ready => _log.Info("{0} ready again after a restart", ready.Child));
        CommonReceives();
    }

    private void CommonReceives()
    {
        Receive<QuorumPeerProtocol.StartFailed>(failed =>
        {
            _log.Error("cannot start {0}: {1}", failed.Child, failed.Reason);
            StopNode(failed.Reason);
        });
        Receive<QuorumPeerProtocol.GetStatus>(_ =>
            Sender.Tell(new QuorumPeerProtocol.Status(_started.ToArray(), _started.Count == ActorNames.StartupOrder.Count)));
        Receive<QuorumPeerProtocol.GetChild>(get => Sender.Tell(Context.Child(get.Name)));
        Receive<QuorumPeerProtocol.Deliver>(deliver =>
        {
            var child = Context.Child(deliver.Child);
            if (!child.IsNobody())
                child.Tell(deliver.Message, Sender);
            else if (_held.TryGetValue(deliver.Child, out var held))
                held.Add((deliver.Message, Sender));
            else
                _held[deliver.Child] = [(deliver.Message, Sender)];
        });
        Receive<Terminated>(t =>
        {
            var child = t.ActorRef.Path.Name;
            if (child is not (ActorNames.TxnLog or ActorNames.DataTree))
            {
                _log.Warning("child {0} stopped", child);
                return;
            }
            // the txn log stops itself on a failed recovery, journal write or snapshot save: the database can no
            // longer be trusted, so the node stops (during a normal shutdown this changes nothing: it is already running)
            _log.Error("child {0} stopped; stopping the node", child);
            StopNode($"{child} stopped");
        });
    }

    private void StartNext()
    {
        if (_next == ActorNames.StartupOrder.Count)
        {
            _log.Info("node started in {0} ms", _clock.ElapsedMilliseconds);
            Context.System.EventStream.Publish(new QuorumPeerProtocol.NodeStarted(_clock.Elapsed));
            Become(Running);
            return;
        }
        var name = ActorNames.StartupOrder[_next++];
        _log.Debug("starting {0}", name);
        var child = Context.Watch(Context.ActorOf(_children.PropsFor(name, Sibling), name));
        if (_held.Remove(name, out var held))
        {
            foreach (var (message, sender) in held)
                child.Tell(message, sender);
        }
    }

    private static IActorRef Sibling(string name)
    {
        var child = Context.Child(name);
        return child.IsNobody() ? throw new InvalidOperationException($"{name} is not started yet") : child;
    }

    private static void StopNode(string reason)
    {
        var system = Context.System;
        _ = CoordinatedShutdown.Get(system).Run(new FatalErrorReason(reason));
    }

    /// <summary>
    /// Supervision decisions: a glitch in election or cleanup restarts that child; a client listener
    /// failure restarts the listener; a txn-log or data-tree failure means the database can no longer be trusted,
    /// so the node stops (ZooKeeper exits on these too) through CoordinatedShutdown with a clear message.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: ex =>
        {
            var child = Sender.Path.Name;
            switch (child)
            {
                case ActorNames.TxnLog:
                case ActorNames.DataTree:
                    _log.Error(ex, "{0} failed, stopping the node: {1}", child, ex.Message);
                    StopNode($"{child} failed: {ex.Message}");
                    return Directive.Stop;
                default:
                    _log.Warning("{0} failed ({1}); restarting it", child, ex.Message);
                    return Directive.Restart;
            }
        });
}

/// <summary>CoordinatedShutdown reason for a fatal node error: the process exits non-zero.</summary>
public sealed class FatalErrorReason(string message) : CoordinatedShutdown.Reason
{
    public string Message { get; } = message;

    public override int ExitCode => 1;

    public override string ToString() => $"fatal: {Message}";
}
