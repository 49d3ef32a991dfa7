namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>What a finished process left behind; <see cref="Describe"/> is meant for assertion messages.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed, bool TimedOut)
{
    private const int MaxShown = 20_000;

    public bool Succeeded => ExitCode == 0 && !TimedOut;

    public string Describe() =>
        $"$ {CommandLine}\nexit code {ExitCode}{(TimedOut ? " (killed after timeout)" : "")} after {Elapsed.TotalSeconds:F1}s\n" +
        $"--- stdout ---\n{Tail(StdOut)}\n--- stderr ---\n{Tail(StdErr)}";

    private static string Tail(string text) =>
        text.Length <= MaxShown ? text : "[... " + (text.Length - MaxShown) + " chars cut ...]\n" + text[^MaxShown..];
}
