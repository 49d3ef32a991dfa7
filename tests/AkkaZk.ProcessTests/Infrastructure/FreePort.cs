using System.Net;
using System.Net.Sockets;

namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>Loopback TCP ports that were free a moment ago (the OS picks them, so parallel tests rarely collide).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Several distinct free ports, all held open until every one is chosen.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
