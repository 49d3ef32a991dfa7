using System.Globalization;

namespace AkkaZk.Bench;

/// <summary>A server's client endpoint as given to --server: host:port, or a comma-separated list for an ensemble.</summary>
public sealed record ServerAddress(string Host, int Port)
{
    public static ServerAddress Parse(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new ServerAddress(value[..colon], port)
            : throw new ArgumentException($"--server wants host:port, not '{value}'");
    }

    public static IReadOnlyList<ServerAddress> ParseList(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 ? parts.Select(Parse).ToList() : throw new ArgumentException("--server wants host:port[,host:port...]");
    }

    public override string ToString() => $"{Host}:{Port}";
}
