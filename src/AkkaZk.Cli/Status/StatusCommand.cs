using System.Globalization;

namespace AkkaZk.Cli.Status;

/// <summary>
/// `akkazk status host:port` (zkServer.sh status and more) and `akkazk cluster host:port` (the ensemble; a standalone
/// node has none). The port may be the admin server's or the client port.
/// </summary>
public static class StatusCommand
{
    public static async Task<int> RunAsync(string command, IReadOnlyList<string> args)
    {
        if (args.Count != 1 || !TrySplit(args[0], out var host, out var port))
        {
            Console.Error.WriteLine($"usage: akkazk {command} <host:port>   (the admin server's port or the client port)");
            return 2;
        }
        try
        {
            if (command == "cluster")
            {
                Console.Out.Write(await ClusterView.ReadAsync(host, port));
                return 0;
            }
            Console.Out.Write((await NodeStatus.ReadAsync(host, port)).Describe(args[0]));
            return 0;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            Console.Error.WriteLine($"Error contacting service at {args[0]}. It is probably not running. ({e.Message})");
            return 1;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"{args[0]}: {e.Message}");
            return 1;
        }
    }

    private static bool TrySplit(string target, out string host, out int port)
    {
        var colon = target.LastIndexOf(':');
        host = colon < 0 ? target : target[..colon];
        port = 0;
        return colon > 0 && int.TryParse(target[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port);
    }
}
