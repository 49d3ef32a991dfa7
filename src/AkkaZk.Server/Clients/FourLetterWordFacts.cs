using Akka.Event;
using AkkaZk.Database;

namespace AkkaZk.Clients;

/// <summary>
/// Gathers a four-letter word's <see cref="FourLetterWordInputs"/> on the connection that received it. Each figure
/// is read on its own: one that fails (a race with other connections, an unreadable /proc or directory) is logged
/// and shown as empty, so the word still answers instead of the connection closing silently.
/// </summary>
internal static class FourLetterWordFacts
{
    private static readonly ServerStatsSnapshot NoServerStats = new(0, 0, 0, 0, default, 0);

    /// <summary>The costly facts (directory walks, /proc reads) only for the commands that show them.</summary>
    public static FourLetterWordInputs Gather(string command, ClientsSettings settings, int clientPort, ConnectionRegistry registry,
        DataTreeProtocol.Stats? stats, string? text, ILoggingAdapter log)
    {
        var sizes = command is "conf" or "dirs";
        var mntr = command == "mntr";
        T Figure<T>(string what, Func<T> read, T empty)
        {
            try
            {
                return read();
            }
            catch (Exception e)
            {
                log.Error(e, "four-letter word {0}: could not read {1}, answering without it", command, what);
                return empty;
            }
        }

        return new FourLetterWordInputs(
            settings,
            clientPort,
            Figure("the server's statistics", registry.Server.Snapshot, NoServerStats),
            Figure("the connections' statistics", registry.Snapshot, []),
            stats,
            text,
            DateTimeOffset.UtcNow,
            sizes ? Figure("the data directory's size", () => ServerEnvironment.DirectorySize(settings.DataDir), 0L) : 0,
            sizes ? Figure("the log directory's size", () => ServerEnvironment.DirectorySize(settings.DataLogDir), 0L) : 0,
            command == "envi" ? Figure("the environment", () => ServerEnvironment.Describe(settings.Version), []) : [],
            mntr ? Figure("the open file descriptors", ServerEnvironment.OpenFileDescriptors, 0L) : 0,
            mntr ? Figure("the file descriptor limit", ServerEnvironment.MaxFileDescriptors, 0L) : 0);
    }
}
