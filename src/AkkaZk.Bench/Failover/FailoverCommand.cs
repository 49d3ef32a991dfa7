using System.Globalization;
using System.Text.Json;

namespace AkkaZk.Bench.Failover;

/// <summary>
/// `akkazk-bench failover`: runs a <see cref="FailoverWriter"/> for a script that kills the leader. Prints "ready"
/// after the first successful write; then reads the kill time (Unix ms) from stdin, and prints
/// "failover &lt;ms&gt;" once a write started at or after it has succeeded.
/// </summary>
public static class FailoverCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new NamedArgs(args, "--server", "--path", "--timeout", "--attempt-timeout-ms", "--json", "--label", "--round", "--killed");
        var servers = ServerAddress.ParseList(a.Get("--server"));
        var writer = new FailoverWriter(servers, a.Get("--path"), TimeSpan.FromMilliseconds(a.GetInt("--attempt-timeout-ms", 2000)));
        var killedAt = Task.Run(async () =>
        {
            var line = await Console.In.ReadLineAsync() ?? throw new IOException("stdin closed before the kill time arrived");
            return long.Parse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        });
        try
        {
            var result = await writer.RunAsync(() => Console.Out.WriteLine("ready"), killedAt,
                DateTime.UtcNow.AddSeconds(a.GetInt("--timeout", 120)), a.Get("--label", "server"), a.GetInt("--round", 0), a.Get("--killed", ""));
            Console.Out.WriteLine($"failover {result.FailoverMs}");
            Console.Error.WriteLine($"{result.Label} kill {result.Round} ({result.Killed}): first write {result.FailoverMs} ms after the kill, " +
                $"on {result.AnsweredBy}, {result.FailedAttempts} failed attempts, {(result.NewSession ? "new session" : "session kept")}; " +
                string.Join("; ", result.Errors.Take(3)));
            if (a.Get("--json", "") is { Length: > 0 } json)
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(result, Program.Json));
            return 0;
        }
        catch (Exception e) when (e is TimeoutException or Workloads.VerificationException or IOException or FormatException)
        {
            Console.Error.WriteLine($"failover: {e.Message}");
            return 1;
        }
    }
}
