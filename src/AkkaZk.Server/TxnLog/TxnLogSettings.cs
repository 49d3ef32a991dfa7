using Akka.Configuration;

namespace AkkaZk.TxnLog;

/// <summary>
/// Where and how the txn log is kept. SQLite (default): journal <c>txnlog.db</c> under the data log dir,
/// snapshots <c>snapshots.db</c> under the data dir. PostgreSQL: both in one database/schema.
/// </summary>
public sealed record TxnLogSettings
{
    public const string JournalFileName = "txnlog.db";
    public const string SnapshotFileName = "snapshots.db";
    public const string JournalPluginId = "akka.persistence.journal.sql";
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    public TxnLogSettings(
        string dataDir,
        string? dataLogDir = null,
        TxnLogPlugin plugin = TxnLogPlugin.Sqlite,
        string postgresConnectionString = "",
        string postgresSchema = "public",
        SnapshotCompression snapshotCompression = SnapshotCompression.None,
        string persistenceId = "txn-log",
        int recoveryChunkSize = 1000,
        GroupCommit groupCommit = GroupCommit.Batched,
        SqliteWriter sqliteWriter = SqliteWriter.Direct)
    {
        if (string.IsNullOrWhiteSpace(dataDir))
            throw new ConfigurationException("txn-log: data-dir must be set");
        if (plugin == TxnLogPlugin.PostgreSql && string.IsNullOrWhiteSpace(postgresConnectionString))
            throw new ConfigurationException("txn-log: plugin = postgresql needs txn-log.postgresql.connection-string");
        if (string.IsNullOrWhiteSpace(persistenceId))
            throw new ConfigurationException("txn-log: persistence-id must not be empty");
        if (recoveryChunkSize < 1)
            throw new ConfigurationException($"txn-log: recovery-chunk-size must be positive, not {recoveryChunkSize}");
        DataDir = dataDir;
        DataLogDir = string.IsNullOrWhiteSpace(dataLogDir) ? dataDir : dataLogDir;
        Plugin = plugin;
        PostgresConnectionString = postgresConnectionString;
        PostgresSchema = string.IsNullOrWhiteSpace(postgresSchema) ? "public" : postgresSchema;
        SnapshotCompression = snapshotCompression;
        PersistenceId = persistenceId;
        RecoveryChunkSize = recoveryChunkSize;
        GroupCommit = groupCommit;
        SqliteWriter = sqliteWriter;
    }

    public string DataDir { get; }

    /// <summary>ZooKeeper's dataLogDir; defaults to <see cref="DataDir"/> as in zoo.cfg.</summary>
    public string DataLogDir { get; }

    public TxnLogPlugin Plugin { get; }
    public string PostgresConnectionString { get; }
    public string PostgresSchema { get; }
    public SnapshotCompression SnapshotCompression { get; init; }
    public string PersistenceId { get; }

    /// <summary>Txns per <see cref="TxnLogProtocol.RecoveryChunk"/> sent while replaying the journal.</summary>
    public int RecoveryChunkSize { get; }

    public GroupCommit GroupCommit { get; }

    /// <summary>Who writes journal rows to SQLite (replay and deletes are always the plugin's).</summary>
    public SqliteWriter SqliteWriter { get; }

    /// <summary>
    /// Replay the whole journal that is still kept, ignoring snapshots (the offline txnlog dump: every txn, like
    /// ZooKeeper's TxnLogToolkit over a log file). Never for a serving node.
    /// </summary>
    public bool ReplayWholeJournal { get; init; }

    public string JournalPath => Path.Combine(DataLogDir, JournalFileName);
    public string SnapshotPath => Path.Combine(DataDir, SnapshotFileName);

    /// <summary>
    /// Reads <c>akkazk.data-dir</c>, <c>akkazk.data-log-dir</c> and <c>akkazk.txn-log</c> from a node's
    /// configuration (with <see cref="DefaultConfig"/> as fallback for the txn-log keys).
    /// </summary>
    public static TxnLogSettings Create(Akka.Configuration.Config config)
    {
        var root = config.WithFallback(DefaultConfig());
        var akkazk = root.GetConfig("akkazk");
        var txnLog = akkazk.GetConfig("txn-log");
        return new TxnLogSettings(
            dataDir: akkazk.GetString("data-dir", ""),
            dataLogDir: akkazk.GetString("data-log-dir", ""),
            plugin: ParsePlugin(txnLog.GetString("plugin", "sqlite")),
            postgresConnectionString: txnLog.GetString("postgresql.connection-string", ""),
            postgresSchema: txnLog.GetString("postgresql.schema", "public"),
            snapshotCompression: TxnLogSerializer.ParseCompression(txnLog.GetString("snapshot-compression", "none")),
            persistenceId: txnLog.GetString("persistence-id", "txn-log"),
            recoveryChunkSize: txnLog.GetInt("recovery-chunk-size", 1000),
            groupCommit: ParseGroupCommit(txnLog.GetString("group-commit", "batched")),
            sqliteWriter: ParseSqliteWriter(txnLog.GetString("sqlite-writer", "direct")));
    }

    /// <summary>The embedded <c>txnlog.conf</c>: defaults of <c>akkazk.txn-log</c> and the serializer binding.</summary>
    public static Akka.Configuration.Config DefaultConfig() => TxnLogHocon.Defaults;

    /// <summary>
    /// The Akka HOCON for these settings: journal and snapshot-store plugins of Akka.Persistence.Sql (connection
    /// strings, provider names, auto-initialize) and the serializer binding. Use it as the highest-priority part
    /// of the ActorSystem's config.
    /// </summary>
    public Akka.Configuration.Config ToAkkaConfig() => ConfigurationFactory.ParseString(TxnLogHocon.Build(this)).WithFallback(DefaultConfig());

    private static TxnLogPlugin ParsePlugin(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => TxnLogPlugin.Sqlite,
        "postgresql" or "postgres" => TxnLogPlugin.PostgreSql,
        _ => throw new ConfigurationException($"txn-log.plugin must be 'sqlite' or 'postgresql', not '{value}'"),
    };

    private static SqliteWriter ParseSqliteWriter(string value) => value.Trim().ToLowerInvariant() switch
    {
        "direct" => SqliteWriter.Direct,
        "plugin" => SqliteWriter.Plugin,
        _ => throw new ConfigurationException($"txn-log.sqlite-writer must be 'direct' or 'plugin', not '{value}'"),
    };

    private static GroupCommit ParseGroupCommit(string value) => value.Trim().ToLowerInvariant() switch
    {
        "batched" => GroupCommit.Batched,
        "persist-async" => GroupCommit.PersistAsync,
        _ => throw new ConfigurationException($"txn-log.group-commit must be 'batched' or 'persist-async', not '{value}'"),
    };
}

/// <summary>Who writes the journal rows when the txn log is in SQLite.</summary>
public enum SqliteWriter
{
    /// <summary>
    /// <see cref="SqliteTxnJournal"/>: one transaction per journal write on a long-lived connection with a
    /// prepared INSERT, rows identical to the plugin's.
    /// </summary>
    Direct,

    /// <summary>Akka.Persistence.Sql's own write path (linq2db, a stream queue, a new connection per write).</summary>
    Plugin,
}

/// <summary>How appends that arrive while a journal write is in flight are grouped into the next write.</summary>
public enum GroupCommit
{
    /// <summary>
    /// Appends that arrive while a group is being written are buffered by the actor and written as the next
    /// group: one PersistAllAsync (one AtomicWrite, one transaction) per group.
    /// </summary>
    Batched,

    /// <summary>One PersistAsync per append; Akka batches what queued during the previous write.</summary>
    PersistAsync,
}

/// <summary>Which Akka.Persistence.Sql backend holds the txn log.</summary>
public enum TxnLogPlugin
{
    Sqlite,
    PostgreSql,
}
