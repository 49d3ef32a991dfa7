using System.Net.Sockets;
using AkkaZk.Client;

namespace AkkaZk.Bench;

/// <summary>
/// Waits for a (re)starting server to serve a read: retries connect + getData every 20 ms and prints the Unix
/// time in milliseconds of the first success, so the caller can subtract the moment it started the process.
/// </summary>
public static class ProbeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new NamedArgs(args, "--server", "--path", "--timeout");
        var (host, port) = a.Server();
        var path = a.Get("--path");
        var deadline = DateTime.UtcNow.AddSeconds(a.GetInt("--timeout", 600));
        string last = "no attempt";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var client = await ZkClient.ConnectAsync(host, port, 30000);
                var reply = await client.GetDataAsync(path);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                if (reply.Data.Length > 0)
                {
                    Console.Out.WriteLine(now);
                    await client.CloseSessionAsync();
                    return 0;
                }
                last = $"{path} came back empty";
            }
            catch (Exception e) when (e is SocketException or IOException or ZkException or ObjectDisposedException)
            {
                last = e.Message;
            }
            await Task.Delay(20);
        }
        Console.Error.WriteLine($"probe: no successful read of {path} on {host}:{port}; last: {last}");
        return 1;
    }
}
