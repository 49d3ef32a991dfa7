using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace AkkaZk.Hosting;

/// <summary>
/// Akka logger that prints one readable line per event to stdout:
/// <c>2026-11-26 22:10:00.123 INFO  [quorum-peer/clients] message</c>.
/// </summary>
public sealed class ConsoleLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private static readonly object ConsoleGate = new();

    public ConsoleLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Print);
    }

    private static void Print(LogEvent e)
    {
        var level = e.LogLevel() switch
        {
            LogLevel.DebugLevel => "DEBUG",
            LogLevel.InfoLevel => "INFO ",
            LogLevel.WarningLevel => "WARN ",
            _ => "ERROR",
        };
        var line = $"{e.Timestamp:yyyy-MM-dd HH:mm:ss.fff} {level} [{ShortSource(e.LogSource)}] {e.Message}";
        if (e.Cause is not null && e.LogLevel() == LogLevel.ErrorLevel)
            line += Environment.NewLine + e.Cause;
        lock (ConsoleGate)
            Console.Out.WriteLine(line);
    }

    /// <summary>Drops the "akka://system/user/" prefix so a line names the concern, not the address.</summary>
    internal static string ShortSource(string source)
    {
        var user = source.IndexOf("/user/", StringComparison.Ordinal);
        if (user >= 0)
            return source[(user + 6)..];
        var system = source.IndexOf("/system/", StringComparison.Ordinal);
        return system >= 0 ? source[(system + 1)..] : source;
    }
}
