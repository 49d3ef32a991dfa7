using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>ZooKeeper's four-letter words (ruok, srvr, ...) over a plain TCP connection to the client port.</summary>
public static class FourLetterWords
{
    public static async Task<string?> AskAsync(int port, string word, TimeSpan timeout)
    {
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(word), cts.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(cts.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls `ruok` until it answers imok; false if <paramref name="alive"/> turns false or time runs out.</summary>
    public static async Task<bool> WaitForImOkAsync(int port, TimeSpan timeout, Func<bool> alive)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && alive())
        {
            if (await AskAsync(port, "ruok", TimeSpan.FromSeconds(2)) == "imok")
                return true;
            await Task.Delay(200);
        }
        return false;
    }
}
