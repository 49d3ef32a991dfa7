using AkkaZk.TxnLog;
using Microsoft.Data.Sqlite;

namespace AkkaZk.Tests.TxnLog;

/// <summary>Reads the plugin's tables from a separate connection (default table mapping: journal, snapshot).</summary>
internal static class SqliteRows
{
    public static List<long> JournalSequenceNrs(TxnLogSettings settings, bool includeDeleted) =>
        Query(settings.JournalPath,
            $"SELECT sequence_number FROM journal WHERE persistence_id = $id {(includeDeleted ? "" : "AND deleted = 0")} ORDER BY sequence_number",
            settings.PersistenceId);

    public static List<long> SnapshotSequenceNrs(TxnLogSettings settings) =>
        Query(settings.SnapshotPath, "SELECT sequence_number FROM snapshot WHERE persistence_id = $id ORDER BY sequence_number",
            settings.PersistenceId);

    public static string Pragma(string path, string pragma) => Convert.ToString(Scalar(path, $"PRAGMA {pragma};"))!;

    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<long> Query(string path, string sql, string persistenceId)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
            rows.Add(reader.GetInt64(0));
        return rows;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
