using AkkaZk.Client;

namespace AkkaZk.Cli.Shell;

/// <summary>
/// `akkazk shell host:port[/chroot] [command args...]`: zkCli.sh. With a command it runs that one and exits (1 when
/// it failed); with stdin not a terminal it runs stdin's lines; otherwise an interactive prompt with history and
/// tab completion of commands and paths.
/// </summary>
public static class ShellCommand
{
    public const int SessionTimeoutMs = 30000;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var rest = args.ToList();
        var server = "localhost:2181";
        var at = rest.IndexOf("-server");
        if (at >= 0 && at + 1 < rest.Count)
        {
            server = rest[at + 1];
            rest.RemoveRange(at, 2);
        }
        else if (rest.Count > 0 && !ShellUsage.Synopsis.ContainsKey(rest[0]))
        {
            server = rest[0];
            rest.RemoveAt(0);
        }
        var output = Console.Out;
        output.WriteLine($"Connecting to {server}");
        ZkClient client;
        try
        {
            client = await ConnectAsync(server);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or FormatException or ZkException)
        {
            Console.Error.WriteLine($"Unable to connect to {server}: {e.Message}");
            return 1;
        }
        var interactive = rest.Count == 0 && !Console.IsInputRedirected;
        if (rest.Count == 0)
        {
            output.WriteLine("Welcome to ZooKeeper!");
            output.WriteLine(interactive ? "JLine support is enabled" : "JLine support is disabled");
        }
        output.Write(ZkShell.WatchedEvent("SyncConnected", "None", "null"));
        var shell = new ZkShell(client, SplitChroot(server).Chroot, output, Console.Error, ConnectAsync);
        try
        {
            if (rest.Count > 0)
                return await shell.ExecuteAsync(string.Join(' ', rest.Select(Quote))) ? 0 : 1;
            if (!interactive)
            {
                while (!shell.Quit && await Console.In.ReadLineAsync() is { } line)
                    await shell.ExecuteAsync(line);
                return 0;
            }
            var editor = new LineEditor(shell);
            while (!shell.Quit)
            {
                var state = shell.Client is { IsClosed: false } ? "CONNECTED" : "CLOSED";
                var line = editor.ReadLine($"[zk: {server}({state}) {shell.History.Count}] ");
                if (line is null)
                    break;
                await shell.ExecuteAsync(line);
            }
            return 0;
        }
        finally
        {
            await shell.CloseAsync();
        }
    }

    /// <summary>An argument with spaces goes back in quotes, so the one-command line tokenizes as given.</summary>
    private static string Quote(string arg) => arg.Length == 0 || arg.Any(char.IsWhiteSpace) ? $"\"{arg}\"" : arg;

    /// <summary>"h1:p1,h2:p2/chroot" → the first host, its port and the chroot ("" for none).</summary>
    public static (string HostPort, string Chroot) SplitChroot(string connectString)
    {
        var slash = connectString.IndexOf('/');
        var hosts = slash < 0 ? connectString : connectString[..slash];
        var chroot = slash < 0 ? "" : connectString[slash..];
        return (hosts.Split(',')[0], chroot == "/" ? "" : chroot);
    }

    public static async Task<ZkClient> ConnectAsync(string connectString)
    {
        var (hostPort, _) = SplitChroot(connectString);
        var colon = hostPort.LastIndexOf(':');
        var host = colon < 0 ? hostPort : hostPort[..colon];
        var port = colon < 0 ? 2181 : int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return await ZkClient.ConnectAsync(host, port, SessionTimeoutMs);
    }
}
