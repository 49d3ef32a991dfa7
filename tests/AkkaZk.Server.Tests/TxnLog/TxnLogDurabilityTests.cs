using AkkaZk.TxnLog;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;
using static AkkaZk.TxnLog.TxnLogProtocol;

namespace AkkaZk.Tests.TxnLog;

public sealed class TxnLogDurabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_acknowledged_append_is_in_the_sqlite_file_as_seen_from_a_separate_connection()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        using var run = TxnLogTestRun.Start(settings, output);
        await run.RecoverAsync();
        for (var zxid = 1L; zxid <= 5; zxid++)
        {
            run.Log.Tell(new Append(zxid, TxnLogTestRun.TxnBytes(zxid)), run.Client.Ref);
            await run.Client.ExpectMsgAsync<Appended>(TimeSpan.FromSeconds(20));
            // still running: the row must already be committed where any other reader sees it
            Assert.Equal(zxid, SqliteRows.JournalSequenceNrs(settings, includeDeleted: true).Last());
        }
    }

    [Fact]
    public async Task Both_sqlite_files_stay_in_wal_mode_after_the_plugin_creates_its_tables()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1]);
            run.Log.Tell(new SaveSnapshot(1, [1]), run.Client.Ref);
            await run.Client.ExpectMsgAsync<SnapshotSaved>(TimeSpan.FromSeconds(20));
        }
        Assert.Equal("wal", SqliteRows.Pragma(settings.JournalPath, "journal_mode"));
        Assert.Equal("wal", SqliteRows.Pragma(settings.SnapshotPath, "journal_mode"));
    }

    [Fact]
    public void A_connection_opened_with_the_plugins_connection_string_runs_with_synchronous_full()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        SqliteDurability.Prepare(settings);
        var connectionString = settings.ToAkkaConfig().GetString("akka.persistence.journal.sql.connection-string");
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(SqliteDurability.SynchronousFull, Convert.ToInt32(command.ExecuteScalar()));
    }

    [Fact]
    public void Prepare_creates_missing_files_in_wal_mode_and_reports_synchronous_full()
    {
        using var dir = new TempDataDir();
        var reports = SqliteDurability.Prepare(dir.Sqlite());
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.True(File.Exists(r.Path));
            Assert.Equal("wal", r.JournalMode);
            Assert.Equal(SqliteDurability.SynchronousFull, r.Synchronous);
        });
    }

    [Fact]
    public async Task A_new_journal_gets_small_pages_and_the_snapshot_file_keeps_sqlites_default()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        var reports = SqliteDurability.Prepare(settings);
        Assert.Equal(SqliteDurability.JournalPageSize, reports.Single(r => r.Path == settings.JournalPath).PageSize);
        Assert.Equal(4096, reports.Single(r => r.Path == settings.SnapshotPath).PageSize);
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1, 2]);
        }
        Assert.Equal(SqliteDurability.JournalPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), SqliteRows.Pragma(settings.JournalPath, "page_size"));
    }

    [Fact]
    public void An_existing_journal_keeps_its_page_size()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        Directory.CreateDirectory(settings.DataLogDir);
        using (var c = new SqliteConnection($"Data Source={settings.JournalPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA page_size=8192; CREATE TABLE t(x);";
            cmd.ExecuteNonQuery();
        }
        var report = SqliteDurability.Prepare(settings).Single(r => r.Path == settings.JournalPath);
        Assert.Equal(8192, report.PageSize);
        Assert.Equal("wal", report.JournalMode);
    }

    [Fact]
    public void Prepare_refuses_a_file_that_is_not_a_sqlite_database()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        Directory.CreateDirectory(settings.DataLogDir);
        File.WriteAllBytes(settings.JournalPath, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());
        var e = Assert.Throws<InvalidOperationException>(() => SqliteDurability.Prepare(settings));
        Assert.Contains(settings.JournalPath, e.Message);
        Assert.Contains("cannot be opened as a database", e.Message);
    }
}
