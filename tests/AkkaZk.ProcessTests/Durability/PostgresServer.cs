using System.Text.RegularExpressions;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// A private PostgreSQL cluster from scripts/postgres-test-server.sh for one test class, in its own state dir so that
/// other users of the script are not disturbed. Not being able to provide one is a failure, not a skip.
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), $"akkazk-pg-{Guid.NewGuid():N}"[..24]);
    private string? _connectionString;
    private ProcessResult? _start;

    private string Script => Path.Combine(RepoPaths.Scripts, "postgres-test-server.sh");
    private Dictionary<string, string> Env => new() { ["AKKAZK_PG_DIR"] = _stateDir };

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(
        "PostgreSQL could not be provided by scripts/postgres-test-server.sh start, so the PostgreSQL txn-log tests cannot run:\n" +
        (_start?.Describe() ?? "not started"));

    public async Task InitializeAsync()
    {
        _start = await ProcessRunner.RunAsync(Script, ["start"], TimeSpan.FromMinutes(5), Env);
        var export = ExportLine().Match(_start.StdOut);
        if (_start.Succeeded && export.Success)
            _connectionString = export.Groups[1].Value;
    }

    public async Task DisposeAsync() => await ProcessRunner.RunAsync(Script, ["stop"], TimeSpan.FromMinutes(1), Env);

    /// <summary>A node.conf for a node whose txn log is in this PostgreSQL under its own persistence id.</summary>
    public string NodeConf(string home, int clientPort, int adminPort, string persistenceId, int snapCount) => $$"""
        akkazk {
          data-dir = "{{Path.Combine(home, "data")}}"
          client-port = {{clientPort}}
          client-port-address = "127.0.0.1"
          admin.server-address = "127.0.0.1"
          admin.server-port = {{adminPort}}
          four-letter-words.whitelist = ["*"]
          snap-count = {{snapCount}}
          txn-log {
            plugin = postgresql
            postgresql.connection-string = "{{ConnectionString}}"
            persistence-id = "{{persistenceId}}"
          }
        }
        """;

    [GeneratedRegex("export AKKAZK_PG='([^']+)'")]
    private static partial Regex ExportLine();
}
