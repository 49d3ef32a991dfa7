using Akka.Configuration;
using AkkaZk.TxnLog;
using Xunit;

namespace AkkaZk.Tests.TxnLog;

public sealed class TxnLogSettingsTests
{
    [Fact]
    public void Defaults_are_sqlite_without_compression_and_the_log_dir_falls_back_to_the_data_dir()
    {
        var settings = TxnLogSettings.Create(ConfigurationFactory.ParseString("akkazk.data-dir = \"var/zk\""));
        Assert.Equal(TxnLogPlugin.Sqlite, settings.Plugin);
        Assert.Equal(SnapshotCompression.None, settings.SnapshotCompression);
        Assert.Equal("var/zk", settings.DataLogDir);
        Assert.Equal(Path.Combine("var/zk", "txnlog.db"), settings.JournalPath);
        Assert.Equal(Path.Combine("var/zk", "snapshots.db"), settings.SnapshotPath);
        Assert.Equal("txn-log", settings.PersistenceId);
        Assert.Equal(1000, settings.RecoveryChunkSize);
        Assert.Equal(GroupCommit.Batched, settings.GroupCommit);
        Assert.Equal(SqliteWriter.Direct, settings.SqliteWriter);
    }

    [Theory]
    [InlineData("direct", "AkkaZk.TxnLog.SqliteTxnJournal, AkkaZk.Server")]
    [InlineData("plugin", "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql")]
    public void The_sqlite_writer_setting_picks_the_journal_class(string writer, string journalClass)
    {
        var config = ConfigurationFactory.ParseString($"akkazk.data-dir = d\nakkazk.txn-log.sqlite-writer = {writer}");
        var akka = TxnLogSettings.Create(config).ToAkkaConfig();
        Assert.Equal(journalClass, akka.GetString("akka.persistence.journal.sql.class"));
        Assert.Equal("Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql", akka.GetString("akka.persistence.snapshot-store.sql.class"));
    }

    [Fact]
    public void Postgresql_keeps_the_plugins_journal_whatever_the_sqlite_writer()
    {
        var settings = new TxnLogSettings("d", plugin: TxnLogPlugin.PostgreSql, postgresConnectionString: "Host=127.0.0.1",
            sqliteWriter: SqliteWriter.Direct);
        Assert.Equal("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql",
            settings.ToAkkaConfig().GetString("akka.persistence.journal.sql.class"));
    }

    [Fact]
    public void Sqlite_settings_become_two_plugin_sections_with_one_file_each()
    {
        var settings = new TxnLogSettings("data", "log", snapshotCompression: SnapshotCompression.Gzip);
        var akka = settings.ToAkkaConfig();
        Assert.Equal("akka.persistence.journal.sql", akka.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", akka.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Contains(Path.Combine("log", "txnlog.db"), akka.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Contains(Path.Combine("data", "snapshots.db"), akka.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("SQLite.MS", akka.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.True(akka.GetBoolean("akka.persistence.journal.sql.auto-initialize"));
        Assert.Equal("gz", akka.GetString("akka.actor.serialization-settings.akkazk-txnlog.snapshot-compression"));
        Assert.Equal("akkazk-txnlog", akka.GetString("akka.actor.serialization-bindings.\"AkkaZk.TxnLog.TxnLogged, AkkaZk.Server\""));
    }

    [Fact]
    public void Postgresql_settings_use_the_connection_string_and_schema_for_both_stores()
    {
        var config = ConfigurationFactory.ParseString("""
            akkazk.data-dir = d
            akkazk.txn-log { plugin = postgresql, postgresql { connection-string = "Host=127.0.0.1;Password=a\"b", schema = zk } }
            """);
        var akka = TxnLogSettings.Create(config).ToAkkaConfig();
        Assert.Equal("Host=127.0.0.1;Password=a\"b", akka.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal("Host=127.0.0.1;Password=a\"b", akka.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("PostgreSQL.15", akka.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal("zk", akka.GetString("akka.persistence.journal.sql.default.schema-name"));
    }

    [Theory]
    [InlineData("akkazk.txn-log.plugin = mysql", "plugin")]
    [InlineData("akkazk.txn-log.plugin = postgresql", "connection-string")]
    [InlineData("akkazk.txn-log.snapshot-compression = zstd", "snapshot-compression")]
    [InlineData("akkazk.txn-log.sqlite-writer = fast", "sqlite-writer")]
    public void Bad_values_are_reported_with_their_key(string line, string key)
    {
        var config = ConfigurationFactory.ParseString("akkazk.data-dir = d\n" + line);
        var e = Assert.Throws<ConfigurationException>(() => TxnLogSettings.Create(config));
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void A_missing_data_dir_is_an_error()
    {
        Assert.Throws<ConfigurationException>(() => TxnLogSettings.Create(ConfigurationFactory.Empty));
    }
}
