using System.Globalization;

namespace AkkaZk.Bench;

/// <summary>`--name value` pairs for the small helper commands.</summary>
public sealed class NamedArgs
{
    private readonly Dictionary<string, string> _values = [];

    public NamedArgs(IReadOnlyList<string> args, params string[] known)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Count)
                throw new ArgumentException($"unexpected argument '{args[i]}' (known: {string.Join(' ', known)}, each with a value)");
            _values[args[i]] = args[++i];
        }
    }

    public string Get(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"{name} is required");

    public int GetInt(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public (string Host, int Port) Server()
    {
        var server = ServerAddress.Parse(Get("--server"));
        return (server.Host, server.Port);
    }
}
