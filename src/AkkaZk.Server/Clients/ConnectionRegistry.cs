using System.Collections.Concurrent;

namespace AkkaZk.Clients;

/// <summary>
/// The live connections' figures, owned by the factory (it adds on accept and removes when the connection stops)
/// and read by the four-letter words. A concurrent map because readers run on other connections' actors.
/// </summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, ConnectionStats> _connections = new();

    public ServerStats Server { get; } = new();

    public int Count => _connections.Count;

    public void Add(ConnectionStats stats) => _connections[stats.Id] = stats;

    public void Remove(long id) => _connections.TryRemove(id, out _);

    public IReadOnlyList<ConnectionSnapshot> Snapshot() =>
        _connections.OrderBy(c => c.Key).Select(c => c.Value.Snapshot()).ToList();

    public void ResetConnectionStats()
    {
        foreach (var connection in _connections.Values)
            connection.Reset();
    }
}
