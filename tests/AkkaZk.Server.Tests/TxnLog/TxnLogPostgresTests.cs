using AkkaZk.TxnLog;
using Npgsql;
using Xunit;
using Xunit.Abstractions;
using static AkkaZk.TxnLog.TxnLogProtocol;

namespace AkkaZk.Tests.TxnLog;

public sealed class TxnLogPostgresTests(PostgresServerFixture server, ITestOutputHelper output) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Txns_and_a_snapshot_in_postgresql_are_recovered_in_order_after_the_actor_system_restarts()
    {
        var connectionString = server.Require();
        var schema = "akkazk_" + Guid.NewGuid().ToString("N")[..12];
        await Execute(connectionString, $"CREATE SCHEMA {schema}");
        try
        {
            using var dir = new TempDataDir();
            var settings = new TxnLogSettings(dir.Path, plugin: TxnLogPlugin.PostgreSql, postgresConnectionString: connectionString,
                postgresSchema: schema, snapshotCompression: SnapshotCompression.Gzip, persistenceId: dir.PersistenceId, recoveryChunkSize: 100);
            var data = Enumerable.Range(0, 50_000).Select(i => (byte)(i % 13)).ToArray();
            using (var run = TxnLogTestRun.Start(settings, output))
            {
                var (snapshot, tail, _) = await run.RecoverAsync(TimeSpan.FromSeconds(60));
                Assert.Null(snapshot);
                Assert.Empty(tail);
                await run.AppendAllAsync(Enumerable.Range(1, 300).Select(i => (long)i));
                run.Log.Tell(new SaveSnapshot(200, data), run.Client.Ref);
                await run.Client.ExpectMsgAsync<SnapshotSaved>(TimeSpan.FromSeconds(30));
                await run.AppendAllAsync(Enumerable.Range(301, 20).Select(i => (long)i));
            }
            using (var run = TxnLogTestRun.Start(settings, output))
            {
                var (snapshot, tail, done) = await run.RecoverAsync(TimeSpan.FromSeconds(60));
                Assert.Equal(200, snapshot!.LastZxid);
                Assert.Equal(data, snapshot.Data);
                Assert.Equal(Enumerable.Range(201, 120).Select(i => (long)i), tail.Select(t => t.Zxid));
                Assert.All(tail, t => Assert.Equal(TxnLogTestRun.TxnBytes(t.Zxid), t.Txn));
                Assert.Equal(new RecoveryCompleted(320, 200, 120), done);
            }
            // the tables went into the configured schema
            Assert.Equal(320L, await Scalar(connectionString, $"SELECT count(*) FROM {schema}.journal"));
        }
        finally
        {
            await Execute(connectionString, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
