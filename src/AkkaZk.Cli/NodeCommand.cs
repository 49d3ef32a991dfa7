using AkkaZk.Config;
using AkkaZk.Hosting;

namespace AkkaZk.Cli;

/// <summary>`akkazk zoo.cfg`: runs a node until SIGTERM / Ctrl-C or a fatal error.</summary>
internal static class NodeCommand
{
    public static async Task<int> RunAsync(string configPath, IReadOnlyDictionary<string, string> systemProperties)
    {
        var (settings, hocon) = NodeConfigLoader.Load(configPath, systemProperties);
        if (!settings.IsStandalone)
        {
            // Replication (election + Zab) is not built yet; several standalone servers would silently diverge.
            Console.Error.WriteLine($"akkazk: {configPath}: this config lists an ensemble (server.N lines); " +
                "ensemble mode is not available in this version yet, so the node does not start. Run a standalone node.");
            return 1;
        }
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
