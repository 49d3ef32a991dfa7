using System.Globalization;
using AkkaZk.ProcessTests.Infrastructure;

namespace AkkaZk.ProcessTests.Locks;

/// <summary>
/// The two lock stress clients of one run, side by side on one ensemble: tests/clients/lock_stress_kazoo.py (kazoo's
/// Lock) and tests/clients/curator/LockStress.java (Curator's InterProcessMutex, compiled once per test run against
/// the Debian jars). Each writes JSON lines to its own file; both stop when the stop file appears.
/// </summary>
public sealed class LockStressClients : IAsyncDisposable
{
    public const int SessionTimeoutMs = 15000;
    private static readonly string JavaDir = Path.Combine(RepoPaths.Clients, "curator");
    private static readonly string[] CuratorJars =
        ["curator-framework", "curator-recipes", "curator-client", "zookeeper", "zookeeper-jute", "guava", "slf4j-api"];
    private static readonly Lazy<Task<string>> Compiled = new(CompileAsync);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(120);

    private readonly TempDir _dir;
    private readonly RunningProcess _kazoo;
    private readonly RunningProcess _curator;

    private LockStressClients(TempDir dir, RunningProcess kazoo, RunningProcess curator)
    {
        _dir = dir;
        _kazoo = kazoo;
        _curator = curator;
    }

    private string KazooOut => Path.Combine(_dir.Path, "kazoo.jsonl");
    private string CuratorOut => Path.Combine(_dir.Path, "curator.jsonl");
    private string StopFile => Path.Combine(_dir.Path, "stop");

    /// <param name="broken">"early-release": clients that release the lock before their counter write</param>
    public static async Task<LockStressClients> StartAsync(string connectString, string root, int clientsEach = 6, int locks = 2,
        string? broken = null)
    {
        var classes = await Compiled.Value;
        var dir = new TempDir("locks");
        var common = new[] { "--hosts", connectString, "--root", root, "--clients", clientsEach.ToString(CultureInfo.InvariantCulture),
            "--locks", locks.ToString(CultureInfo.InvariantCulture), "--stop-file", Path.Combine(dir.Path, "stop") };
        var brokenArgs = broken is null ? Array.Empty<string>() : ["--broken", broken];
        var kazoo = ProcessRunner.Start(Path.Combine(RepoPaths.Clients, "lock_stress_kazoo.py"),
            [.. common, "--out", Path.Combine(dir.Path, "kazoo.jsonl"),
             "--session-timeout", (SessionTimeoutMs / 1000.0).ToString(CultureInfo.InvariantCulture), .. brokenArgs]);
        var curator = ProcessRunner.Start("java",
            ["-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", ClassPath(classes), "LockStress",
             .. common, "--out", Path.Combine(dir.Path, "curator.jsonl"),
             "--session-timeout-ms", SessionTimeoutMs.ToString(CultureInfo.InvariantCulture), .. brokenArgs]);
        return new LockStressClients(dir, kazoo, curator);
    }

    /// <summary>Acquisitions recorded so far by (kazoo, Curator); a client that exited early counts as no progress.</summary>
    public (int Kazoo, int Curator) Progress() => (Count(KazooOut), Count(CuratorOut));

    public bool AnyExited => _kazoo.HasExited || _curator.HasExited;

    /// <summary>Asks both clients to stop, waits for them (each closes its sessions and reads the final counters) and parses what they wrote.</summary>
    public async Task<LockHistory> StopAsync()
    {
        await File.WriteAllTextAsync(StopFile, "");
        var kazooDone = await _kazoo.WaitForExitAsync(StopTimeout);
        var curatorDone = await _curator.WaitForExitAsync(StopTimeout);
        if (!kazooDone || !curatorDone || _kazoo.ExitCode != 0 || _curator.ExitCode != 0)
        {
            throw new InvalidOperationException("a lock stress client failed or did not stop:\n" +
                _kazoo.Result(!kazooDone).Describe() + "\n" + _curator.Result(!curatorDone).Describe());
        }
        return LockHistory.Parse("kazoo", await File.ReadAllLinesAsync(KazooOut))
            .Concat(LockHistory.Parse("curator", await File.ReadAllLinesAsync(CuratorOut)));
    }

    public string Diagnostics() => _kazoo.Result().Describe() + "\n" + _curator.Result().Describe();

    public ValueTask DisposeAsync()
    {
        _kazoo.Dispose();
        _curator.Dispose();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int Count(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var count = 0;
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains("\"outcome\"", StringComparison.Ordinal))
                    count++;
            }
            return count;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private static string ClassPath(string classes) =>
        string.Join(':', new[] { classes }.Concat(CuratorJars.Append("slf4j-simple").Select(j => $"/usr/share/java/{j}.jar")));

    /// <summary>javac into the test binaries' folder, once per test run.</summary>
    private static async Task<string> CompileAsync()
    {
        await TestDependencies.EnsureAsync();
        var classes = Path.Combine(AppContext.BaseDirectory, "curator-classes");
        Directory.CreateDirectory(classes);
        var result = await ProcessRunner.RunAsync("javac",
            ["-d", classes, "-cp", string.Join(':', CuratorJars.Select(j => $"/usr/share/java/{j}.jar")),
             Path.Combine(JavaDir, "LockStress.java")], TimeSpan.FromMinutes(3));
        if (!result.Succeeded)
            throw new InvalidOperationException("javac of the Curator lock stress client failed:\n" + result.Describe());
        return classes;
    }
}
