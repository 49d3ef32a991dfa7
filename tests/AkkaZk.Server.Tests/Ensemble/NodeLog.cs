using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using AkkaZk.Hosting;

namespace AkkaZk.Tests.Ensemble;

/// <summary>
/// Every log line one node of an <see cref="InProcessEnsemble"/> wrote, across its restarts. Specs search it for
/// protocol steps (which sync mode a leader chose); the ensemble prints all nodes' lines, merged, to the test output.
/// </summary>
internal sealed class NodeLog
{
    private static readonly ConcurrentDictionary<string, NodeLog> Registry = new();
    private readonly ConcurrentQueue<Line> _lines = new();

    private NodeLog(string key, int index)
    {
        Key = key;
        Index = index;
    }

    public sealed record Line(DateTime Timestamp, int Node, string Level, string Source, string Message, int Sequence)
    {
        public override string ToString() => $"{Timestamp:HH:mm:ss.fff} node{Node + 1} {Level} [{Source}] {Message}";
    }

    /// <summary>The value of <see cref="NodeLogSink.ConfigKey"/> in this node's ActorSystem config.</summary>
    public string Key { get; }

    public int Index { get; }

    public int Count => _lines.Count;

    public static NodeLog Register(string key, int index) => Registry.GetOrAdd(key, k => new NodeLog(k, index));

    public static NodeLog? Find(string key) => Registry.GetValueOrDefault(key);

    public static void Unregister(string key) => Registry.TryRemove(key, out _);

    public void Add(LogEvent e)
    {
        var level = e.LogLevel() switch
        {
            LogLevel.DebugLevel => "DEBUG",
            LogLevel.InfoLevel => "INFO ",
            LogLevel.WarningLevel => "WARN ",
            _ => "ERROR",
        };
        var message = e.Message?.ToString() ?? "";
        if (e.Cause is not null && e.LogLevel() == LogLevel.ErrorLevel)
            message += " | " + e.Cause.GetType().Name + ": " + e.Cause.Message;
        _lines.Enqueue(new Line(e.Timestamp, Index, level, ConsoleLogger.ShortSource(e.LogSource), message, _lines.Count));
    }

    /// <summary>The lines written after the first <paramref name="mark"/> lines (a mark is a <see cref="Count"/> taken earlier).</summary>
    public IReadOnlyList<Line> Since(int mark) => _lines.Skip(mark).ToList();

    public IReadOnlyList<Line> All => _lines.ToList();
}

/// <summary>
/// The Akka logger of an ensemble node in the specs: hands each event to the node's <see cref="NodeLog"/>, found by
/// the key in the ActorSystem's config (all nodes run in one process, each in its own ActorSystem).
/// </summary>
public sealed class NodeLogSink : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public const string ConfigKey = "akkazk-tests.node-log";

    public NodeLogSink()
    {
        var log = NodeLog.Find(Context.System.Settings.Config.GetString(ConfigKey, ""));
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => log?.Add(e));
    }
}
