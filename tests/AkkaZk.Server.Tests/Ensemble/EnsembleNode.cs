using Akka.Actor;
using Akka.Configuration;
using AkkaZk.Config;
using AkkaZk.Database;
using AkkaZk.Hosting;
using AkkaZk.QuorumPeer;
using AkkaZk.TxnLog;
using AkkaZk.Zab;

namespace AkkaZk.Tests.Ensemble;

/// <summary>
/// One server of an <see cref="InProcessEnsemble"/>: its settings and data dir, which outlive its ActorSystem, and the
/// ActorSystem itself while it runs (assembled as the node's hosted service does it).
/// </summary>
internal sealed class EnsembleNode
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public EnsembleNode(int index, NodeSettings settings, NodeLog log)
    {
        Index = index;
        Settings = settings;
        Log = log;
        TxnLog = new TxnLogSettings(settings.DataDir, settings.DataLogDir);
    }

    public int Index { get; }

    public long Sid => Settings.MyId;

    public NodeSettings Settings { get; }

    public TxnLogSettings TxnLog { get; }

    public NodeLog Log { get; }

    public int ClientPort => Settings.ClientPort!.Value;

    public int QuorumPort => Settings.Self!.QuorumPort;

    /// <summary>Where the other servers reach this one; the throttler matches addresses by host and port only.</summary>
    public Address Address => new(EnsembleView.DefaultProtocol, NodeActorSystem.Name, "127.0.0.1", QuorumPort);

    public ActorSystem? System { get; private set; }

    public bool IsRunning => System is not null;

    /// <summary>This incarnation's view of its place in the ensemble (a new one per start).</summary>
    public PeerStatus Status { get; private set; } = new();

    private IActorRef? QuorumPeer { get; set; }

    public void Start(string extraHocon)
    {
        if (System is not null)
            throw new InvalidOperationException($"node {Index} is already running");
        NodeActorSystem.PrepareDataDirs(Settings, TxnLog);
        var hocon = ConfigurationFactory.ParseString(extraHocon + $"\n{NodeLogSink.ConfigKey} = \"{Log.Key}\"")
            .WithFallback(ReferenceConfig.Load());
        Status = new PeerStatus();
        System = ActorSystem.Create(NodeActorSystem.Name, NodeActorSystem.BuildConfig(hocon, TxnLog, Settings));
        QuorumPeer = System.ActorOf(QuorumPeerProtocol.Props(NodeChildren.Create(Settings, TxnLog, Status)), ActorNames.QuorumPeer);
    }

    /// <summary>Ends the ActorSystem at once: no client is told, peers see their connections drop.</summary>
    public async Task CrashAsync()
    {
        if (System is not { } system)
            return;
        System = null;
        QuorumPeer = null;
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Whether the data tree accepts clients (a leader with its quorum, or a learner after UPTODATE).</summary>
    public async Task<bool> IsServingAsync()
    {
        if (QuorumPeer is not { } peer)
            return false;
        try
        {
            var last = await peer.Ask<DataTreeProtocol.LastZxid>(
                new QuorumPeerProtocol.Deliver(ActorNames.DataTree, DataTreeProtocol.GetLastZxid.Instance), AskTimeout);
            return last.Serving;
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return false;
        }
    }

    public override string ToString()
    {
        var s = Status.Current;
        return IsRunning
            ? $"node {Index} (sid {Sid}): {s.State} leader {s.LeaderId} epoch {s.Epoch} zxid 0x{s.LastCommitted:x}"
            : $"node {Index} (sid {Sid}): down";
    }
}
