namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>Paths inside the repository, found by walking up from the test binaries to AkkaZk.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;
    public static string Scripts => Path.Combine(Root, "scripts");
    public static string Clients => Path.Combine(Root, "tests", "clients");
    public static string AkkaZkLauncher => Path.Combine(Scripts, "akkazk");
    public static string ReferenceScript => Path.Combine(Scripts, "zk-reference.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AkkaZk.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No AkkaZk.sln above {AppContext.BaseDirectory}");
    }
}
