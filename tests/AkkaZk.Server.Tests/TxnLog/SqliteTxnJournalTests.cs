using AkkaZk.TxnLog;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.TxnLog;

/// <summary>The direct SQLite writer (sqlite-writer = direct) against the plugin's own write path and reads.</summary>
public sealed class SqliteTxnJournalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Rows_written_directly_and_by_the_plugin_replay_as_one_log_in_either_order()
    {
        using var dir = new TempDataDir();
        var direct = dir.Sqlite(writer: SqliteWriter.Direct);
        var plugin = dir.Sqlite(writer: SqliteWriter.Plugin);
        var runs = new[] { (direct, new long[] { 1, 2, 3 }), (plugin, [4, 5]), (direct, [6]), (plugin, [7]) };
        var written = new List<long>();
        foreach (var (settings, zxids) in runs)
        {
            using var run = TxnLogTestRun.Start(settings, output);
            var (_, tail, done) = await run.RecoverAsync();
            Assert.Equal(written, tail.Select(t => t.Zxid));
            Assert.All(tail, t => Assert.Equal(TxnLogTestRun.TxnBytes(t.Zxid), t.Txn));
            Assert.Equal(written.LastOrDefault(), done.LastZxid);
            await run.AppendAllAsync(zxids);
            written.AddRange(zxids);
        }
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), SqliteRows.JournalSequenceNrs(direct, includeDeleted: true));
    }

    [Theory]
    [InlineData(SqliteWriter.Direct)]
    [InlineData(SqliteWriter.Plugin)]
    public async Task Recovery_skips_rows_a_delete_marked_and_the_next_append_follows_the_highest_of_them(SqliteWriter writer)
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite(writer: writer);
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1, 2, 3]);
        }
        // what the plugin's delete up to sequence nr 3 leaves: the highest row, marked deleted, the rest gone
        SqliteRows.Execute(settings.JournalPath, "UPDATE journal SET deleted = 1; DELETE FROM journal WHERE sequence_number < 3;");
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            var (_, tail, _) = await run.RecoverAsync();
            Assert.Empty(tail);
            // a highest sequence nr that ignored the marked row would reuse 3 and break the unique index
            await run.AppendAllAsync([4]);
        }
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            var (_, tail, done) = await run.RecoverAsync();
            Assert.Equal([4L], tail.Select(t => t.Zxid));
            Assert.Equal(4, done.LastZxid);
        }
        Assert.Equal([3L, 4L], SqliteRows.JournalSequenceNrs(settings, includeDeleted: true));
    }

    [Fact]
    public async Task A_directly_written_row_has_the_same_columns_as_one_the_plugin_wrote()
    {
        using var dir = new TempDataDir();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(writer: SqliteWriter.Plugin), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1]);
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(writer: SqliteWriter.Direct), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([2]);
        }
        var rows = ReadRows(dir.Sqlite().JournalPath);
        Assert.Equal(2, rows.Count);
        var (byPlugin, direct) = (rows[0], rows[1]);
        Assert.Equal(1L, byPlugin["sequence_number"]);
        Assert.Equal(2L, direct["sequence_number"]);
        foreach (var column in new[] { "persistence_id", "deleted", "manifest", "identifier", "typeof(created)", "typeof(message)", "typeof(writer_uuid)" })
            Assert.Equal(byPlugin[column], direct[column]);
        Assert.Equal((long)TxnLogSerializer.Id, direct["identifier"]);
        // created: DateTime ticks (UTC), as the plugin stores them
        Assert.InRange((long)direct["created"]!, DateTime.UtcNow.AddMinutes(-5).Ticks, DateTime.UtcNow.AddMinutes(5).Ticks);
    }

    [Fact]
    public void A_connection_that_syncs_less_than_full_is_refused()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        SqliteDurability.Prepare(settings);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = settings.JournalPath, Pooling = false }.ToString());
        connection.Open();
        SqliteDurability.RequireDurable(connection, settings.JournalPath);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidOperationException>(() => SqliteDurability.RequireDurable(connection, settings.JournalPath));
        Assert.Contains("synchronous=1", e.Message);
    }

    private static List<Dictionary<string, object?>> ReadRows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number, deleted, manifest, identifier, created, typeof(created), typeof(message), typeof(writer_uuid) FROM journal ORDER BY ordering";
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }
}
