using Microsoft.Data.Sqlite;

namespace AkkaZk.TxnLog;

/// <summary>
/// Makes the SQLite files durable and fast before the ActorSystem opens them. Akka.Persistence.Sql's
/// auto-initialize leaves a new file in rollback-journal mode (4 fsyncs per commit) and neither its HOCON nor the
/// connection string can set WAL, but journal_mode=WAL is stored in the file, so setting it once here holds for
/// every later connection. synchronous is per connection and cannot be set through Microsoft.Data.Sqlite's
/// connection string; the bundled e_sqlite3 opens every connection with synchronous=FULL (2), which in WAL
/// mode syncs the WAL on each commit. <see cref="Prepare(string)"/> checks that default so a build that lowers it
/// fails here instead of silently losing acknowledged writes on power loss.
/// </summary>
public static class SqliteDurability
{
    public const int SynchronousFull = 2;

    /// <summary>
    /// Page size of a new journal file. Each commit writes every page it touched (the table, its three
    /// indexes, the autoincrement counter) to the WAL before the sync; with a txn of a few hundred bytes, 1 KB
    /// pages make that a quarter of the bytes of SQLite's 4 KB default. The snapshot file keeps the default
    /// (its rows are large blobs). Only a new, empty file takes it; an existing file keeps its page size.
    /// </summary>
    public const int JournalPageSize = 1024;

    /// <summary>The state a fresh connection to a prepared file reports.</summary>
    public sealed record Report(string Path, string JournalMode, int Synchronous, int PageSize = 0);

    /// <summary>Prepares both SQLite files of <paramref name="settings"/>; does nothing for PostgreSQL.</summary>
    public static IReadOnlyList<Report> Prepare(TxnLogSettings settings) => settings.Plugin == TxnLogPlugin.Sqlite
        ? [Prepare(settings.JournalPath, JournalPageSize), Prepare(settings.SnapshotPath)]
        : [];

    /// <summary>
    /// Creates the file (and its directory) if missing and switches it to WAL; a new file gets
    /// <paramref name="pageSize"/> when given.
    /// </summary>
    /// <exception cref="InvalidOperationException">the file is not a usable SQLite database, or not durable.</exception>
    public static Report Prepare(string path, int? pageSize = null)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            if (pageSize is { } size)
                Scalar(connection, $"PRAGMA page_size={size};"); // must precede WAL mode; ignored once the file has pages
            var mode = Scalar(connection, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"txn log: SQLite file {path} refused WAL mode (journal_mode={mode})");
            var synchronous = Convert.ToInt32(Scalar(connection, "PRAGMA synchronous;"), System.Globalization.CultureInfo.InvariantCulture);
            if (synchronous < SynchronousFull)
                throw new InvalidOperationException($"txn log: SQLite opens {path} with synchronous={synchronous}; FULL (2) is needed for durable acknowledgements");
            var actualPageSize = Convert.ToInt32(Scalar(connection, "PRAGMA page_size;"), System.Globalization.CultureInfo.InvariantCulture);
            return new Report(path, mode, synchronous, actualPageSize);
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"txn log: SQLite file {path} cannot be opened as a database: {e.Message}", e);
        }
    }

    /// <summary>
    /// Read-only check of an existing file, as the txn-log actor does before recovery: page 1 must be a SQLite
    /// header (deeper damage surfaces as a read error during replay). Missing files are fine (the plugin creates them).
    /// </summary>
    /// <exception cref="InvalidOperationException">the file is not a usable SQLite database.</exception>
    public static Report? Check(string path)
    {
        if (!File.Exists(path))
            return null;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            Scalar(connection, "PRAGMA schema_version;");
            var mode = Scalar(connection, "PRAGMA journal_mode;");
            var synchronous = Convert.ToInt32(Scalar(connection, "PRAGMA synchronous;"), System.Globalization.CultureInfo.InvariantCulture);
            return new Report(path, mode, synchronous);
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"txn log: SQLite file {path} cannot be opened as a database: {e.Message}", e);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="connection"/> runs in WAL mode with synchronous=FULL or higher: a writer
    /// that acknowledges after Commit must not run on a connection that skips the WAL sync.
    /// </summary>
    /// <exception cref="InvalidOperationException">the connection is not durable.</exception>
    public static void RequireDurable(SqliteConnection connection, string path)
    {
        var mode = Scalar(connection, "PRAGMA journal_mode;");
        var synchronous = Convert.ToInt32(Scalar(connection, "PRAGMA synchronous;"), System.Globalization.CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) || synchronous < SynchronousFull)
            throw new InvalidOperationException($"txn log: SQLite file {path} runs with journal_mode={mode}, synchronous={synchronous}; WAL with FULL (2) is needed for durable acknowledgements");
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
