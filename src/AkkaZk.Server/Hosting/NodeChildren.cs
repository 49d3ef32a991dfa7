using Akka.Actor;
using AkkaZk.Admin;
using AkkaZk.Cleanup;
using AkkaZk.Clients;
using AkkaZk.Config;
using AkkaZk.Data;
using AkkaZk.Data.Auth;
using AkkaZk.Database;
using AkkaZk.Election;
using AkkaZk.Metrics;
using AkkaZk.QuorumPeer;
using AkkaZk.Sessions;
using AkkaZk.TxnLog;
using AkkaZk.Zab;

namespace AkkaZk.Hosting;

/// <summary>The real children of a node's QuorumPeer, built from its settings. Later children get earlier siblings' refs.</summary>
public static class NodeChildren
{
    public static QuorumPeerChildren Create(NodeSettings settings, TxnLogSettings txnLog) =>
        Create(settings, txnLog, new PeerStatus());

    /// <param name="status">this server's ensemble state, shared with whoever reports it (admin, tests).</param>
    public static QuorumPeerChildren Create(NodeSettings settings, TxnLogSettings txnLog, PeerStatus status)
    {
        var readOnly = settings.ReadOnlyModeEnabled && !settings.IsStandalone
            ? new ReadOnlyMode(TimeSpan.FromMilliseconds(Math.Max(2000, settings.TickTime)))
            : null;
        return new(new Dictionary<string, Func<Func<string, IActorRef>, Props>>
        {
            [ActorNames.Config] = _ => ConfigActor.Props(settings),
            [ActorNames.Cleanup] = sibling => DatadirCleanupManager.Props(
                settings.AutopurgeSnapRetainCount, settings.AutopurgePurgeIntervalHours, () => sibling(ActorNames.TxnLog)),
            [ActorNames.TxnLog] = _ => TxnLogProtocol.PropsForSibling(txnLog, ActorNames.DataTree),
            [ActorNames.DataTree] = sibling => DataTreeActor.Props(DataTreeSettingsFor(settings) with { ReadOnly = readOnly }, sibling(ActorNames.TxnLog)),
            [ActorNames.Sessions] = sibling => SessionTracker.Props(
                new SessionSettings(settings.TickTime, settings.MinSessionTimeout, settings.MaxSessionTimeout, settings.MyId, !settings.IsStandalone),
                sibling(ActorNames.DataTree)),
            [ActorNames.Clients] = sibling => ClientsProtocol.Props(
                ClientsSettingsFor(settings, status) with
                {
                    IsReadOnly = () => readOnly?.Active == true,
                    IsServing = () => settings.IsStandalone || status.Current.Serving || readOnly?.Active == true,
                }, sibling(ActorNames.DataTree), sibling(ActorNames.Sessions),
                new JuteWireCodec(JuteMaxFieldLength(settings))),
            [ActorNames.Admin] = _ => AdminServer.Props(
                new AdminSettings(settings.AdminEnableServer, settings.AdminServerAddress, settings.AdminServerPort, settings.AdminCommandUrl),
                MetricsSettings.From(settings), system => AdminCommandSet.Create(system, settings, settings.IsStandalone ? null : status, () => readOnly?.Active == true)),
            [ActorNames.Election] = sibling => settings.IsStandalone
                ? ElectionActor.Props()
                : FastLeaderElectionActor.Props(ZabSettingsFor(settings), sibling(ActorNames.DataTree), sibling(ActorNames.Sessions), status),
        });
    }

    private static DataTreeSettings DataTreeSettingsFor(NodeSettings s) => new(
        new DatabaseOptions(s.JuteMaxBuffer, s.SuperDigest, s.ExtendedTypesEnabled, s.SkipAcl, (int)s.MyId, s.ReconfigEnabled),
        s.SnapCount,
        TimeSpan.FromMilliseconds(Math.Max(1, s.ContainerCheckIntervalMs)),
        Ensemble: !s.IsStandalone,
        CommittedLogSize: Math.Max(1, s.CommitLogCount),
        ConfigData: s.IsStandalone ? null : EnsembleConfigText.For(s.Servers));

    /// <summary>QuorumPeer's part of conf: limits, election algorithm, this server's ports and role, the membership.</summary>
    private static string QuorumConfFor(NodeSettings s) =>
        $"initLimit={s.InitLimit}\nsyncLimit={s.SyncLimit}\nelectionAlg={s.ElectionAlg}\n" +
        $"electionPort={s.Self?.ElectionPort}\nquorumPort={s.Self?.QuorumPort}\npeerType={(s.PeerType == PeerRole.Observer ? 1 : 0)}\n" +
        "membership: \n" + System.Text.Encoding.UTF8.GetString(EnsembleConfigText.For(s.Servers));

    private static ZabSettings ZabSettingsFor(NodeSettings s) =>
        new(EnsembleView.From(s), s.TickTime, s.InitLimit, s.SyncLimit, new EpochFiles(s.DataDir));

    /// <summary>jute.maxbuffer + extrasize (ZooKeeper's default extrasize equals maxbuffer).</summary>
    private static int JuteMaxFieldLength(NodeSettings s) => s.JuteMaxBuffer * 2;

    private static ClientsSettings ClientsSettingsFor(NodeSettings s, PeerStatus status) => new()
    {
        ClientPortAddress = s.ClientPortAddress,
        ClientPort = s.ClientPort ?? 0,
        MaxClientCnxns = s.MaxClientCnxns,
        MaxBuffer = s.JuteMaxBuffer,
        GlobalOutstandingLimit = s.GlobalOutstandingLimit,
        TickTime = s.TickTime,
        MinSessionTimeout = s.MinSessionTimeout,
        MaxSessionTimeout = s.MaxSessionTimeout,
        DataDir = s.DataDir,
        DataLogDir = s.DataLogDir,
        ServerId = s.MyId,
        FourLetterWordWhitelist = s.FourLetterWordWhitelist,
        ServerState = () => s.IsStandalone ? "standalone" : status.Mode,
        Peer = s.IsStandalone ? null : status,
        QuorumConf = s.IsStandalone ? null : QuorumConfFor(s),
        QuorumSize = s.ParticipantCount,
        Authenticate = (scheme, auth, remote) => AuthProviders.AuthenticateAll(scheme, auth, remote, s.SuperDigest),
    };
}
