using System.Runtime.InteropServices;

namespace AkkaZk.Clients;

/// <summary>Facts about the process for envi, dirs, conf and mntr, under ZooKeeper's key names.</summary>
internal static class ServerEnvironment
{
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(string version)
    {
        var memory = GC.GetGCMemoryInfo();
        var total = memory.TotalCommittedBytes;
        var free = Math.Max(0, total - GC.GetTotalMemory(false));
        return
        [
            new("zookeeper.version", version),
            new("host.name", Environment.MachineName),
            new("java.version", Environment.Version.ToString()),
            new("java.vendor", RuntimeInformation.FrameworkDescription),
            new("java.home", RuntimeEnvironment()),
            new("java.class.path", AppContext.BaseDirectory),
            new("java.library.path", ""),
            new("java.io.tmpdir", Path.GetTempPath().TrimEnd('/')),
            new("java.compiler", "<NA>"),
            new("os.name", OsName()),
            new("os.arch", RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "amd64",
                Architecture.Arm64 => "aarch64",
                var other => other.ToString().ToLowerInvariant(),
            }),
            new("os.version", Environment.OSVersion.Version.ToString()),
            new("user.name", Environment.UserName),
            new("user.home", Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)),
            new("user.dir", Environment.CurrentDirectory),
            new("os.memory.free", $"{free / (1024 * 1024)}MB"),
            new("os.memory.max", $"{memory.TotalAvailableMemoryBytes / (1024 * 1024)}MB"),
            new("os.memory.total", $"{total / (1024 * 1024)}MB"),
        ];
    }

    private static string RuntimeEnvironment() => Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";

    private static string OsName() =>
        OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Mac OS X" : OperatingSystem.IsWindows() ? "Windows" : "Unknown";

    /// <summary>Bytes in the files under a directory; 0 when it is unset or unreadable.</summary>
    public static long DirectorySize(string path)
    {
        if (string.IsNullOrEmpty(path) || !Directory.Exists(path))
            return 0;
        try
        {
            return new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static long OpenFileDescriptors()
    {
        try
        {
            return Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : -1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The soft "Max open files" limit from /proc/self/limits, or -1 where there is none.</summary>
    public static long MaxFileDescriptors()
    {
        try
        {
            if (!File.Exists("/proc/self/limits"))
                return -1;
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                    continue;
                var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.TryParse(parts[0], out var soft) ? soft : -1;
            }
        }
        catch (IOException)
        {
        }
        return -1;
    }
}
