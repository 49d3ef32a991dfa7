namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>A fresh directory under the system temp dir, deleted on dispose unless AKKAZK_KEEP_TEST_DIRS=1.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"akkazk-{purpose}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var sub = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(sub);
        return sub;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("AKKAZK_KEEP_TEST_DIRS") == "1")
            return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a process that is still shutting down may hold a file; the OS temp cleaner gets it later
        }
    }
}
