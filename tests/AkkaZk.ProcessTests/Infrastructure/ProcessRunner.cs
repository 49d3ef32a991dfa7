using System.Diagnostics;
using System.Text;

namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>Starts processes with captured output: to completion (<see cref="RunAsync"/>) or in the background (<see cref="Start"/>).</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string file, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        using var running = Start(file, args, env, workingDirectory);
        var finished = await running.WaitForExitAsync(timeout);
        if (!finished)
            running.Kill();
        return running.Result(timedOut: !finished);
    }

    public static RunningProcess Start(
        string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return new RunningProcess(info);
    }
}

/// <summary>A child process whose stdout and stderr are collected as they come.</summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    internal RunningProcess(ProcessStartInfo info)
    {
        CommandLine = string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList));
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        if (!_process.Start())
            throw new InvalidOperationException($"could not start {CommandLine}");
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string CommandLine { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;
    public string StdOut { get { lock (_stdout) return _stdout.ToString(); } }
    public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>
    /// Waits for the process itself to end. Process.WaitForExitAsync would also wait for the end of its output,
    /// which a grandchild still holding the pipes (a JVM, a dotnet host) can delay indefinitely.
    /// </summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_process.HasExited)
        {
            if (clock.Elapsed >= timeout)
                return false;
            await Task.Delay(50);
        }
        await Task.Delay(100); // let the output readers take the last lines
        return true;
    }

    /// <summary>SIGTERM, then SIGKILL if the process has not ended within <paramref name="grace"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return true;
        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString()], TimeSpan.FromSeconds(10));
        if (await WaitForExitAsync(grace))
            return true;
        this.Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(5));
        return false;
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public ProcessResult Result(bool timedOut = false) =>
        new(CommandLine, _process.HasExited ? _process.ExitCode : -1, StdOut, StdErr, _clock.Elapsed, timedOut);

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private static void Append(StringBuilder sink, string? line)
    {
        if (line is null)
            return;
        lock (sink)
            sink.AppendLine(line);
    }
}
