using System.Diagnostics;
using System.Net;
using AkkaZk.Clients;
using Xunit;

namespace AkkaZk.Server.Tests.Clients;

public sealed class ConnectionRegistrySpecs
{
    /// <summary>
    /// cons / stat / srvr take a snapshot on one connection's actor while the factory adds and removes others. A
    /// copy that reads the count and then the entries apart sees a removal in between as empty slots (null stats)
    /// and an addition as a too-small array; the snapshot must be one consistent copy.
    /// </summary>
    [Fact]
    public async Task Snapshot_is_consistent_while_connections_come_and_go()
    {
        var registry = new ConnectionRegistry();
        var remote = new IPEndPoint(IPAddress.Loopback, 40000);
        for (var id = 0; id < 16; id++)
            registry.Add(new ConnectionStats(id, remote));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var churn = Task.Run(() =>
        {
            var next = 1000L;
            while (!stop.IsCancellationRequested)
            {
                registry.Add(new ConnectionStats(next, remote));
                registry.Remove(next - 8);
                next++;
            }
        });

        var snapshots = 0;
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var connections = registry.Snapshot();
            Assert.All(connections, c => Assert.NotNull(c));
            Assert.True(connections.Count >= 16, $"{connections.Count} connections in a snapshot, at least 16 are always there");
            snapshots++;
        }
        await churn;
        Assert.True(snapshots > 100, $"only {snapshots} snapshots in {clock.Elapsed.TotalSeconds:F1}s");
    }
}
