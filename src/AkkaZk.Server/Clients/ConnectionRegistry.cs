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

    /// <summary>
    /// Values copies the map under all its locks in one step. LINQ straight over the map does not: it reads the
    /// count and then copies the entries, so a connection removed in between left empty (null) slots, and one
    /// added in between failed the copy.
    /// </summary>
    public IReadOnlyList<ConnectionSnapshot> Snapshot() =>
        _connections.Values.OrderBy(c => c.Id).Select(c => c.Snapshot()).ToList();

    public void ResetConnectionStats()
    {
        foreach (var connection in _connections.Values)
            connection.Reset();
    }
}
