using AkkaZk.Config;

namespace AkkaZk.Cli;

/// <summary>The `akkazk` console: runs a node or one of the operator tools.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var (systemProperties, rest) = SystemProperties.Parse(args);
        if (rest.Count == 0 || rest[0] is "--help" or "-h" or "help")
        {
            Console.Out.Write(Usage.Text);
            return rest.Count == 0 ? 2 : 0;
        }
        try
        {
            return rest[0] switch
            {
                "version" or "--version" => PrintVersion(),
                "convert" => ConvertCommand.Run(rest.Skip(1).ToArray(), systemProperties),
                "txnlog" or "snapshot" => await Tools.DumpCommand.RunAsync(rest[0], rest.Skip(1).ToArray(), systemProperties),
                "purge" => await Tools.PurgeCommand.RunAsync(rest.Skip(1).ToArray(), systemProperties),
                "status" or "cluster" => await Status.StatusCommand.RunAsync(rest[0], rest.Skip(1).ToArray()),
                "shell" => await Shell.ShellCommand.RunAsync(rest.Skip(1).ToArray()),
                _ when rest.Count == 1 => await NodeCommand.RunAsync(rest[0], systemProperties),
                _ => UnknownCommand(rest[0]),
            };
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"akkazk: {e.Message}");
            return 2;
        }
        catch (Hosting.NodeStartException e)
        {
            Console.Error.WriteLine($"akkazk: {e.Message}");
            return 1;
        }
    }

    private static int PrintVersion()
    {
        Console.Out.WriteLine($"akkazk {Usage.Version} (ZooKeeper 3.8 wire protocol)");
        return 0;
    }

    private static int UnknownCommand(string command)
    {
        Console.Error.WriteLine($"akkazk: unknown command '{command}'; see akkazk --help");
        return 2;
    }
}
