using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaZk.QuorumPeer;
using Xunit;

namespace AkkaZk.Tests.QuorumPeer;

public sealed class QuorumPeerStartupSpec : TestKit
{
    public QuorumPeerStartupSpec() : base("akka.actor.serialize-messages = off") { }

    /// <summary>A stand-in child: tells the probe it started, and reports ready only when told to.</summary>
    private sealed class StepChild : ReceiveActor
    {
        public sealed record Go;
        public sealed record Crash;

        public StepChild(string name, IActorRef probe, bool readyAtOnce)
        {
            probe.Tell($"started {name}");
            Receive<Go>(_ => Context.Parent.Tell(new QuorumPeerProtocol.Ready(name)));
            Receive<Crash>(_ => throw new InvalidOperationException("boom"));
            if (readyAtOnce)
                Context.Parent.Tell(new QuorumPeerProtocol.Ready(name));
        }
    }

    private QuorumPeerChildren Children(bool readyAtOnce) => new(ActorNames.StartupOrder.ToDictionary(
        name => name,
        name => (Func<Func<string, IActorRef>, Props>)(_ => Props.Create(() => new StepChild(name, TestActor, readyAtOnce)))));

    [Fact]
    public async Task Children_start_in_zookeepers_order_each_after_the_previous_is_ready()
    {
        var started = CreateTestProbe();
        Sys.EventStream.Subscribe(started, typeof(QuorumPeerProtocol.NodeStarted));
        var peer = Sys.ActorOf(QuorumPeerProtocol.Props(Children(readyAtOnce: false)), ActorNames.QuorumPeer);
        foreach (var name in ActorNames.StartupOrder)
        {
            await ExpectMsgAsync($"started {name}");
            await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
            var child = await peer.Ask<IActorRef>(new QuorumPeerProtocol.GetChild(name));
            Assert.Equal($"/user/{ActorNames.QuorumPeer}/{name}", child.Path.ToStringWithoutAddress());
            child.Tell(new StepChild.Go());
        }
        await started.ExpectMsgAsync<QuorumPeerProtocol.NodeStarted>();
        var status = await peer.Ask<QuorumPeerProtocol.Status>(QuorumPeerProtocol.GetStatus.Instance);
        Assert.True(status.Serving);
        Assert.Equal(ActorNames.StartupOrder, status.StartedChildren);
    }

    [Fact]
    public async Task Startup_order_is_config_cleanup_database_clients_admin_election()
    {
        Assert.Equal(
            ["config", "cleanup", "txn-log", "data-tree", "sessions", "clients", "admin", "election"],
            ActorNames.StartupOrder);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_failing_election_child_is_restarted_without_losing_the_node()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(QuorumPeerProtocol.NodeStarted));
        var peer = Sys.ActorOf(QuorumPeerProtocol.Props(Children(readyAtOnce: true)), ActorNames.QuorumPeer);
        foreach (var name in ActorNames.StartupOrder)
            await ExpectMsgAsync($"started {name}");
        await ExpectMsgAsync<QuorumPeerProtocol.NodeStarted>();

        var election = await peer.Ask<IActorRef>(new QuorumPeerProtocol.GetChild(ActorNames.Election));
        var config = await peer.Ask<IActorRef>(new QuorumPeerProtocol.GetChild(ActorNames.Config));
        election.Tell(new StepChild.Crash());

        await ExpectMsgAsync($"started {ActorNames.Election}");
        var status = await peer.Ask<QuorumPeerProtocol.Status>(QuorumPeerProtocol.GetStatus.Instance);
        Assert.True(status.Serving);
        var configAfter = await peer.Ask<IActorRef>(new QuorumPeerProtocol.GetChild(ActorNames.Config));
        Assert.Equal(config, configAfter);
        Assert.False(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_failing_txn_log_stops_the_node()
    {
        var peer = Sys.ActorOf(QuorumPeerProtocol.Props(Children(readyAtOnce: true)), ActorNames.QuorumPeer);
        foreach (var name in ActorNames.StartupOrder)
            await ExpectMsgAsync($"started {name}");
        var txnLog = await peer.Ask<IActorRef>(new QuorumPeerProtocol.GetChild(ActorNames.TxnLog));
        Watch(txnLog);
        txnLog.Tell(new StepChild.Crash());
        await ExpectTerminatedAsync(txnLog);
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<FatalErrorReason>(CoordinatedShutdown.Get(Sys).ShutdownReason);
    }
}
