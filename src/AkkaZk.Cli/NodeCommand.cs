using AkkaZk.Config;
using AkkaZk.Hosting;

namespace AkkaZk.Cli;

/// <summary>`akkazk zoo.cfg`: runs a node until SIGTERM / Ctrl-C or a fatal error.</summary>
internal static class NodeCommand
{
    public static async Task<int> RunAsync(string configPath, IReadOnlyDictionary<string, string> systemProperties)
    {
        var (settings, hocon) = NodeConfigLoader.Load(configPath, systemProperties);
        await NodeHost.RunAsync(settings, hocon);
        return Environment.ExitCode;
    }
}
