using System.Text.Json;
using System.Text.RegularExpressions;
using AkkaZk.ProcessTests.Infrastructure;

namespace AkkaZk.ProcessTests.Admin;

/// <summary>
/// Answers captured from Apache ZooKeeper 3.8.0's AdminServer (standalone, Jetty, a client with an ephemeral node and a
/// data watch connected), one file per command under Admin/Samples: the format reference of these tests.
/// </summary>
public static partial class AdminSamples
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "AkkaZk.ProcessTests", "Admin", "Samples");

    /// <summary>Every command name a sample exists for (primary names, as ZooKeeper's /commands lists them).</summary>
    public static IReadOnlyList<string> Commands =>
        Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Where(n => n != "unknown_command").Order(StringComparer.Ordinal).ToList();

    public static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"))).RootElement.Clone();

    /// <summary>The command names in ZooKeeper's HTML list of /commands.</summary>
    public static IReadOnlyList<string> Links(string html) =>
        LinkPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<a href=\"/commands/([a-z_]+)\">")]
    private static partial Regex LinkPattern();
}
