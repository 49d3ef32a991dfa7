using System.Reflection;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace AkkaZk.TxnLog;

/// <summary>Builds the akka.persistence section for Akka.Persistence.Sql from <see cref="TxnLogSettings"/>.</summary>
internal static class TxnLogHocon
{
    private const string ResourceName = "AkkaZk.TxnLog.txnlog.conf";
    private const string SqliteProvider = "SQLite.MS"; // linq2db's Microsoft.Data.Sqlite provider
    private const string PostgresProvider = "PostgreSQL.15"; // linq2db dialect for PostgreSQL 15 and newer

    public static Akka.Configuration.Config Defaults { get; } = LoadDefaults();

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    public static string Build(TxnLogSettings s)
    {
        var (journalCs, snapshotCs, provider, schema) = s.Plugin switch
        {
            TxnLogPlugin.Sqlite => (SqliteConnectionString(s.JournalPath), SqliteConnectionString(s.SnapshotPath), SqliteProvider, "null"),
            _ => (s.PostgresConnectionString, s.PostgresConnectionString, PostgresProvider, Quote(s.PostgresSchema)),
        };
        var journalClass = s.Plugin == TxnLogPlugin.Sqlite && s.SqliteWriter == SqliteWriter.Direct
            ? $"{typeof(SqliteTxnJournal).FullName}, {typeof(SqliteTxnJournal).Assembly.GetName().Name}"
            : "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql";
        var compression = s.SnapshotCompression == SnapshotCompression.Gzip ? "gz" : "none";
        return $$"""
            akka.persistence {
              journal {
                plugin = "{{TxnLogSettings.JournalPluginId}}"
                sql {
                  class = "{{journalClass}}"
                  plugin-dispatcher = "akka.persistence.dispatchers.default-plugin-dispatcher"
                  connection-string = {{Quote(journalCs)}}
                  provider-name = "{{provider}}"
                  auto-initialize = on
                  table-mapping = default
                  default.schema-name = {{schema}}
                }
              }
              snapshot-store {
                plugin = "{{TxnLogSettings.SnapshotPluginId}}"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  plugin-dispatcher = "akka.persistence.dispatchers.default-plugin-dispatcher"
                  connection-string = {{Quote(snapshotCs)}}
                  provider-name = "{{provider}}"
                  auto-initialize = on
                  table-mapping = default
                  default.schema-name = {{schema}}
                }
              }
            }
            akka.actor.serialization-settings.akkazk-txnlog.snapshot-compression = {{compression}}
            """;
    }

    private static Akka.Configuration.Config LoadDefaults() => ConfigurationFactory.ParseString(ReadResource());

    private static string ReadResource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A HOCON quoted string (JSON escaping).</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
