using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Akka.Serialization;
using Akka.Util;
using Microsoft.Data.Sqlite;

namespace AkkaZk.TxnLog;

/// <summary>
/// Akka.Persistence.Sql's journal with the write path replaced for SQLite (setting <c>sqlite-writer = direct</c>):
/// each WriteMessages is one transaction on one long-lived connection with a prepared INSERT, run on the
/// journal actor itself. The plugin's path goes through a stream queue, a new linq2db connection and a
/// multi-row INSERT built as text (blobs as hex literals) per write, which costs more than the commit itself
/// once fsync is fast. Rows are exactly the plugin's (same table, columns, serializer id, manifest), so deletes
/// stay the plugin's. Recovery's two reads (highest sequence nr, replay) are plain prepared SELECTs on a
/// short-lived read connection with the plugin's own conditions: the plugin builds and compiles its linq2db
/// queries on first use, which cost most of a node's start. Durability is unchanged: the connection is checked
/// to run with synchronous=FULL in WAL mode before the first write, and Commit returns only after the WAL is
/// synced.
/// </summary>
public sealed class SqliteTxnJournal : SqlWriteJournal
{
    private const string InsertSql =
        "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid) " +
        "VALUES ($created, 0, $persistence_id, $sequence_number, $message, $manifest, $identifier, $writer_uuid)";

    // the plugin's own conditions: replay skips rows marked deleted (a purge keeps the highest one, marked), the
    // highest sequence nr counts them
    private const string ReplaySql =
        "SELECT sequence_number, created, message, manifest, identifier, writer_uuid FROM journal " +
        "WHERE persistence_id = $persistence_id AND sequence_number >= $from AND sequence_number <= $to AND deleted = 0 " +
        "ORDER BY sequence_number LIMIT $max";
    private const string HighestSequenceNrSql =
        "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = $persistence_id AND sequence_number > $from";

    private readonly string _connectionString;
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");
    private readonly Serialization _serialization;
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;

    public SqliteTxnJournal(Akka.Configuration.Config journalConfig) : base(journalConfig)
    {
        _connectionString = journalConfig.GetString("connection-string");
        _serialization = Context.System.Serialization;
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        // writes are synchronous on this actor, so none is in flight to wait for (the plugin waits for its own)
        try
        {
            return Task.FromResult(ReadHighestSequenceNr(persistenceId, fromSequenceNr));
        }
        catch (Exception e)
        {
            return Task.FromException<long>(e);
        }
    }

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr,
        long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        try
        {
            Replay(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private long ReadHighestSequenceNr(string persistenceId, long fromSequenceNr)
    {
        using var connection = OpenForReading();
        using var command = connection.CreateCommand();
        command.CommandText = HighestSequenceNrSql;
        command.Parameters.AddWithValue("$persistence_id", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        return command.ExecuteScalar() is long highest ? highest : 0L;
    }

    private void Replay(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        using var connection = OpenForReading();
        using var command = connection.CreateCommand();
        command.CommandText = ReplaySql;
        command.Parameters.AddWithValue("$persistence_id", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var manifest = reader.IsDBNull(3) ? string.Empty : reader.GetString(3);
            var message = (byte[])reader.GetValue(2);
            var payload = reader.IsDBNull(4) ? FromTypeManifest(message, manifest) : _serialization.Deserialize(message, reader.GetInt32(4), manifest);
            recoveryCallback(new Persistent(payload, reader.GetInt64(0), persistenceId, manifest, isDeleted: false,
                ActorRefs.NoSender, reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(1)));
        }
    }

    /// <summary>A row without a serializer id names its payload's type in the manifest (as the plugin reads it).</summary>
    private object FromTypeManifest(byte[] message, string manifest)
    {
        var type = Type.GetType(manifest, throwOnError: true)!;
        return _serialization.FindSerializerForType(type).FromBinary(message, type);
    }

    private SqliteConnection OpenForReading()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(Write(messages));
        }
        catch (Exception e)
        {
            // the connection may be unusable (I/O error mid-commit): open a fresh one for a later write
            CloseConnection();
            return Task.FromException<IImmutableList<Exception>>(e);
        }
    }

    private IImmutableList<Exception> Write(IEnumerable<AtomicWrite> messages)
    {
        var created = DateTime.UtcNow.Ticks;
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
        var rows = new List<Row>();
        var results = new Exception?[writes.Count];
        foreach (var (write, i) in writes.Select((w, i) => (w, i)))
        {
            // an AtomicWrite that cannot be serialized is rejected as a whole and not written (as the plugin does)
            var start = rows.Count;
            try
            {
                foreach (var repr in (IImmutableList<IPersistentRepresentation>)write.Payload)
                    rows.Add(ToRow(repr, created));
            }
            catch (Exception e)
            {
                rows.RemoveRange(start, rows.Count - start);
                results[i] = e;
            }
        }
        if (rows.Count > 0)
            Insert(rows);
        // null: every write succeeded; otherwise one entry per AtomicWrite, null where it was written
        return results.All(r => r is null) ? null! : ImmutableArray.Create(results)!;
    }

    private Row ToRow(IPersistentRepresentation repr, long created)
    {
        var serializer = _serialization.FindSerializerFor(repr.Payload);
        var manifest = serializer switch
        {
            SerializerWithStringManifest withManifest => withManifest.Manifest(repr.Payload),
            { IncludeManifest: true } => repr.Payload.GetType().TypeQualifiedName(),
            _ => string.Empty,
        };
        return new Row(repr.PersistenceId, repr.SequenceNr, repr.Timestamp == 0 ? created : repr.Timestamp,
            serializer.ToBinary(repr.Payload), manifest, serializer.Identifier);
    }

    private void Insert(List<Row> rows)
    {
        var insert = _insert ?? Open();
        using var transaction = _connection!.BeginTransaction(deferred: false);
        insert.Transaction = transaction;
        foreach (var row in rows)
        {
            insert.Parameters["$created"].Value = row.Created;
            insert.Parameters["$persistence_id"].Value = row.PersistenceId;
            insert.Parameters["$sequence_number"].Value = row.SequenceNr;
            insert.Parameters["$message"].Value = row.Message;
            insert.Parameters["$manifest"].Value = row.Manifest;
            insert.Parameters["$identifier"].Value = row.Identifier;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private SqliteCommand Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        try
        {
            SqliteDurability.RequireDurable(connection, connection.DataSource);
            var insert = connection.CreateCommand();
            insert.CommandText = InsertSql;
            insert.Parameters.Add("$created", SqliteType.Integer);
            insert.Parameters.Add("$persistence_id", SqliteType.Text);
            insert.Parameters.Add("$sequence_number", SqliteType.Integer);
            insert.Parameters.Add("$message", SqliteType.Blob);
            insert.Parameters.Add("$manifest", SqliteType.Text);
            insert.Parameters.Add("$identifier", SqliteType.Integer);
            insert.Parameters.AddWithValue("$writer_uuid", _writerUuid);
            insert.Prepare();
            _connection = connection;
            _insert = insert;
            return insert;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CloseConnection()
    {
        _insert?.Dispose();
        _insert = null;
        _connection?.Dispose();
        _connection = null;
    }

    protected override void PostStop()
    {
        CloseConnection();
        base.PostStop();
    }

    private sealed record Row(string PersistenceId, long SequenceNr, long Created, byte[] Message, string Manifest, int Identifier);
}
