namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>The client scripts in tests/clients, run to completion with their output kept for assertion messages.</summary>
public static class ClientScripts
{
    public static Task<ProcessResult> RunAsync(string script, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? env = null) =>
        ProcessRunner.RunAsync(Path.Combine(RepoPaths.Clients, script), args, timeout, env);

    /// <summary>A failure message with the script's output and both servers' own output.</summary>
    public static string Explain(ProcessResult result, params IZkServer[] servers) =>
        result.Describe() + "\n" + string.Join("\n", servers.Select(s => "=== " + s.Diagnostics()));
}
