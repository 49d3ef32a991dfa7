using AkkaZk.Config;
using AkkaZk.Hosting;

namespace AkkaZk.Cli;

/// <summary>`akkazk zoo.cfg`: runs a node until SIGTERM / Ctrl-C or a fatal error.</summary>
internal static class NodeCommand
{
    public static async Task<int> RunAsync(string configPath, IReadOnlyDictionary<string, string> systemProperties)
    {
        var (settings, hocon) = NodeConfigLoader.Load(configPath, systemProperties);
        foreach (var warning in settings.Warnings)
            Console.Error.WriteLine($"akkazk: warning: {warning}");
        try
        {
            await NodeHost.RunAsync(settings, hocon);
        }
        catch (NodeStartException e)
        {
            Console.Error.WriteLine($"akkazk: cannot start: {e.Message}");
            return 1;
        }
        catch (InvalidOperationException e)
        {
            // e.g. a txn-log database that cannot be opened: never start empty over data we could not read
            Console.Error.WriteLine($"akkazk: cannot start: {e.Message}");
            return 1;
        }
        return Environment.ExitCode;
    }
}
