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
                // a server that accepts but never answers (still starting, or going away) must not stall the probe
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await using var client = await ZkClient.ConnectAsync(host, port, 30000, cancel: attempt.Token).WaitAsync(attempt.Token);
                await client.GetDataAsync(path).WaitAsync(attempt.Token);
                Console.Out.WriteLine(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await client.CloseSessionAsync();
                return 0;
            }
            catch (Exception e) when (e is SocketException or IOException or ZkException or ObjectDisposedException or OperationCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(20);
        }
        Console.Error.WriteLine($"probe: no successful read of {path} on {host}:{port}; last: {last}");
        return 1;
    }
}
