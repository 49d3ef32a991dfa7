using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>The restart and kill -9 tests with the txn log in PostgreSQL (akkazk.txn-log.plugin = postgresql in node.conf).</summary>
public sealed class PostgresDurabilityTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private Task<AkkaZkNode> StartAsync(string purpose, int snapCount) =>
        AkkaZkNode.StartWithConfigAsync(purpose, "node.conf",
            (home, clientPort, adminPort) => postgres.NodeConf(home, clientPort, adminPort, $"{purpose}-{Guid.NewGuid():N}", snapCount));

    [Fact]
    public async Task Restart_after_SIGTERM_with_the_txn_log_in_PostgreSQL_brings_back_everything()
    {
        var node = await StartAsync("pg-restart", 100000);
        try
        {
            await RestartScenario.StopAndRestartKeepsEverythingAsync(node);
            Assert.False(File.Exists(Path.Combine(node.DataDir, "txnlog.db")), "a SQLite txn log was written although plugin = postgresql");
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Acknowledged_writes_survive_kill_9s_with_the_txn_log_in_PostgreSQL()
    {
        var node = await StartAsync("pg-crash", 200);
        try
        {
            for (var round = 0; round < 3; round++)
            {
                var outcome = await CrashRun.RunAsync(node, $"/pg-crash-{round}", TimeSpan.FromSeconds(1.5));
                output.WriteLine(outcome.ToString());
                Assert.True(outcome.Violations.Count == 0,
                    $"{outcome}\n{string.Join('\n', outcome.Violations.Take(40))}\n{node.Diagnostics()}");
                Assert.True(outcome.Acknowledged > 0, node.Diagnostics());
            }
            Assert.False(File.Exists(Path.Combine(node.DataDir, "txnlog.db")), "a SQLite txn log was written although plugin = postgresql");
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
