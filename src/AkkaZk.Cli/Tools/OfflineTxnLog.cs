using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using AkkaZk.Config;
using AkkaZk.Hosting;
using AkkaZk.TxnLog;

namespace AkkaZk.Cli.Tools;

/// <summary>
/// Opens a node's txn log without starting the node: recovery output (snapshot, txns) arrives on a channel.
/// The argument is a zoo.cfg / node.conf, or a data dir (SQLite files under it).
/// </summary>
internal sealed class OfflineTxnLog : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly Channel<object> _output = Channel.CreateUnbounded<object>();

    public IActorRef Log { get; }

    public ChannelReader<object> Output => _output.Reader;

    private OfflineTxnLog(TxnLogSettings settings)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """).WithFallback(settings.ToAkkaConfig());
        _system = ActorSystem.Create("akkazk-tool", config);
        var sink = _system.ActorOf(Props.Create(() => new ChannelSink(_output.Writer, StoreOf(settings))), "sink");
        Log = _system.ActorOf(TxnLogProtocol.Props(settings, sink), "txn-log");
        sink.Tell(new WatchLog(Log));
    }

    public static OfflineTxnLog Open(string target, IReadOnlyDictionary<string, string> systemProperties, string? dataLogDir = null, bool wholeJournal = false)
    {
        TxnLogSettings settings;
        if (Directory.Exists(target))
            settings = new TxnLogSettings(target, dataLogDir ?? target);
        else
        {
            var (node, hocon) = NodeConfigLoader.Load(target, systemProperties);
            settings = NodeActorSystem.TxnLogSettingsFor(node, hocon);
        }
        if (settings.Plugin == TxnLogPlugin.Sqlite && !File.Exists(settings.JournalPath))
            throw new NodeStartException($"no txn log at {settings.JournalPath}");
        if (settings.Plugin == TxnLogPlugin.Sqlite)
        {
            try
            {
                SqliteDurability.Check(settings.JournalPath);
                SqliteDurability.Check(settings.SnapshotPath);
            }
            catch (InvalidOperationException e)
            {
                throw new NodeStartException(e.Message);
            }
        }
        return new OfflineTxnLog(settings with { ReplayWholeJournal = wholeJournal });
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();

    private static string StoreOf(TxnLogSettings settings) =>
        settings.Plugin == TxnLogPlugin.Sqlite ? $"{settings.JournalPath} or {settings.SnapshotPath}" : "PostgreSQL";

    private sealed record WatchLog(IActorRef Log);

    /// <summary>Forwards recovery output; if the txn log stops (it does when recovery fails) the output ends with an error.</summary>
    private sealed class ChannelSink : ReceiveActor
    {
        public ChannelSink(ChannelWriter<object> writer, string store)
        {
            Receive<WatchLog>(watch => Context.Watch(watch.Log));
            Receive<Terminated>(_ => writer.TryComplete(new NodeStartException($"the txn log in {store} cannot be read (see the errors above)")));
            ReceiveAny(message => writer.TryWrite(message));
        }
    }
}
