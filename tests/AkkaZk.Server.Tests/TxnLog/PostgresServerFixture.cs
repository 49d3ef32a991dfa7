using System.Diagnostics;

namespace AkkaZk.Tests.TxnLog;

/// <summary>
/// A PostgreSQL for the txn-log tests: AKKAZK_PG when set, else one started by
/// scripts/postgres-test-server.sh (installs Debian's postgresql when missing) and stopped again afterwards.
/// When neither works the tests fail with the reason; they never skip silently.
/// </summary>
public sealed class PostgresServerFixture : IDisposable
{
    private readonly string? _script;
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "akkazk-pg-" + Guid.NewGuid().ToString("N")[..8]);

    public PostgresServerFixture()
    {
        var fromEnv = Environment.GetEnvironmentVariable("AKKAZK_PG");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            ConnectionString = fromEnv;
            return;
        }
        _script = FindScript();
        if (_script is null)
        {
            Problem = "AKKAZK_PG is not set and scripts/postgres-test-server.sh was not found above the test directory";
            return;
        }
        var (code, stdout, stderr) = Run(_script, "start");
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("export AKKAZK_PG=", StringComparison.Ordinal));
        if (code != 0 || line is null)
        {
            Problem = $"AKKAZK_PG is not set and scripts/postgres-test-server.sh start failed (exit {code}): {stderr.Trim()} {stdout.Trim()}";
            _script = null;
            return;
        }
        ConnectionString = line["export AKKAZK_PG=".Length..].Trim('\'');
    }

    public string? ConnectionString { get; }
    public string? Problem { get; }

    public string Require() => ConnectionString ?? throw new InvalidOperationException(Problem);

    public void Dispose()
    {
        if (_script is not null)
            Run(_script, "stop");
    }

    private (int Code, string Stdout, string Stderr) Run(string script, string verb)
    {
        var start = new ProcessStartInfo("bash", [script, verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AKKAZK_PG_DIR"] = _stateDir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, stdout.Result, "timed out after 8 minutes; " + stderr.Result);
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres-test-server.sh");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
