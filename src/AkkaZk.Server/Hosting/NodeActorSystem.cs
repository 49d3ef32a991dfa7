using Akka.Configuration;
using AkkaZk.Config;
using AkkaZk.TxnLog;

namespace AkkaZk.Hosting;

/// <summary>Builds the ActorSystem configuration of a node: persistence plugins, the node's HOCON, our Akka defaults.</summary>
public static class NodeActorSystem
{
    public const string Name = "akkazk";

    private const string AkkaDefaults = """
        akka {
          loggers = ["AkkaZk.Hosting.ConsoleLogger, AkkaZk.Server"]
          stdout-loglevel = WARNING
          loglevel = INFO
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown {
            # the generic host owns the process: it runs CoordinatedShutdown on SIGTERM / Ctrl-C and exits
            run-by-clr-shutdown-hook = off
            exit-clr = off
            default-phase-timeout = 4s
          }
        }
        """;

    public static Akka.Configuration.Config BuildConfig(Akka.Configuration.Config hocon, TxnLogSettings txnLog, NodeSettings? settings = null)
    {
        var logLevel = Environment.GetEnvironmentVariable("AKKAZK_LOGLEVEL");
        var overrides = string.IsNullOrEmpty(logLevel) ? "" : $"akka.loglevel = {logLevel}";
        return ConfigurationFactory.ParseString(overrides)
            .WithFallback(settings is { IsStandalone: false } ? RemotingFor(settings) : Akka.Configuration.Config.Empty)
            .WithFallback(txnLog.ToAkkaConfig())
            .WithFallback(hocon)
            .WithFallback(ConfigurationFactory.ParseString(AkkaDefaults));
    }

    /// <summary>
    /// An ensemble member's Akka.Remote endpoint: its server line's host and quorum port, and nothing else, so the
    /// election and Zab listen only where zoo.cfg says (quorumListenOnAllIPs binds every interface, as in ZooKeeper).
    /// </summary>
    public static Akka.Configuration.Config RemotingFor(NodeSettings settings)
    {
        var me = settings.Self ?? throw new NodeStartException($"server id {settings.MyId} is not in the server list");
        var bind = settings.QuorumListenOnAllIPs ? "0.0.0.0" : me.Host;
        var role = me.Role == PeerRole.Observer ? "observer" : "participant";
        // A forwarded request, a proposal or a DIFF txn carries up to jute.maxbuffer of client data (plus a
        // multi's or a txn header's overhead); Akka.Remote's default frame limit (128000 bytes) would drop it.
        var maxFrame = Math.Max(128_000L, 2L * settings.JuteMaxBuffer + 64 * 1024);
        return ConfigurationFactory.ParseString($$"""
            # every server is a member of one Akka.Cluster, for membership and inspection only: Zab's quorum, not
            # cluster membership, decides who leads and what is committed
            akka.actor.provider = cluster
            akka.cluster {
              # a server joins once an election has decided, the participants as seed nodes and the leader first,
              # so any quorum forms the cluster, whichever servers are up
              roles = [{{role}}]
              # no automatic downing: a partitioned server stays up and rejoins when the network heals
              downing-provider-class = ""
              log-info-verbose = off
            }
            akka.remote.dot-netty.tcp {
              hostname = "{{me.Host}}"
              port = {{me.QuorumPort}}
              bind-hostname = "{{bind}}"
              bind-port = {{me.QuorumPort}}
              # Zab is latency-bound (PROPOSAL → ACK → COMMIT per write): write each message out at once instead
              # of batching socket writes for up to 40 ms
              batching.enabled = false
              maximum-frame-size = {{maxFrame}}
            }
            # a restarted peer is a new incarnation: let the association be retried quickly
            akka.remote.retry-gate-closed-for = 200ms
            """).WithFallback(Zab.PeerSerializationHocon.Config);
    }

    /// <summary>An ensemble member's ActorSystem runs Akka.Cluster (a standalone node's does not).</summary>
    public static bool RunsCluster(Akka.Actor.ActorSystem system) =>
        system is Akka.Actor.ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider };

    /// <summary>The txn log's settings: its HOCON section, with zookeeper.snapshot.compression.method applied.</summary>
    public static TxnLogSettings TxnLogSettingsFor(NodeSettings settings, Akka.Configuration.Config hocon)
    {
        var txnLog = TxnLogSettings.Create(hocon);
        return settings.SnapshotCompressionMethod is "gz" or "gzip"
            ? txnLog with { SnapshotCompression = SnapshotCompression.Gzip }
            : txnLog;
    }

    /// <summary>
    /// Creates the data dirs and puts the SQLite files in WAL mode before any actor opens them. An unwritable dir
    /// fails here, with its path, before anything starts.
    /// </summary>
    public static void PrepareDataDirs(NodeSettings settings, TxnLogSettings txnLog)
    {
        foreach (var dir in new[] { settings.DataDir, settings.DataLogDir }.Distinct())
        {
            try
            {
                Directory.CreateDirectory(dir);
                var probe = Path.Combine(dir, ".akkazk-write-test");
                File.WriteAllText(probe, "");
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new NodeStartException($"data directory {dir} is not writable: {e.Message}");
            }
        }
        SqliteDurability.Prepare(txnLog);
    }
}

/// <summary>The node cannot start (unwritable data dir, unreadable database): printed as one line, exit code 1.</summary>
public sealed class NodeStartException(string message) : Exception(message);
