using System.Globalization;

namespace AkkaZk.Bench;

/// <summary>The settings of one load-generator run, parsed from `--name value` arguments.</summary>
public sealed record BenchOptions
{
    /// <summary>One server, or the servers of an ensemble: session i connects to Servers[i % count].</summary>
    public IReadOnlyList<ServerAddress> Servers { get; init; } = [new("127.0.0.1", 2181)];
    public string Workload { get; init; } = "get";
    public int Sessions { get; init; } = 4;
    public int Outstanding { get; init; } = 32;
    public double Seconds { get; init; } = 10;
    public double Warmup { get; init; } = 2;
    public int DataSize { get; init; } = 100;
    public int Znodes { get; init; } = 1000;
    public int ReadPct { get; init; } = 90;
    public string? JsonPath { get; init; }
    /// <summary>Names the server in the results (e.g. AkkaZk, ZooKeeper); the report groups by it.</summary>
    public string Label { get; init; } = "server";
    public int Round { get; init; }
    public int SessionTimeoutMs { get; init; } = 30000;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            o = name switch
            {
                "--server" => o with { Servers = ServerAddress.ParseList(Value()) },
                "--workload" => o with { Workload = Value() },
                "--sessions" => o with { Sessions = Positive(name, Value()) },
                "--outstanding" => o with { Outstanding = Positive(name, Value()) },
                "--seconds" => o with { Seconds = ParseSeconds(name, Value(), allowZero: false) },
                "--warmup" => o with { Warmup = ParseSeconds(name, Value(), allowZero: true) },
                "--data-size" => o with { DataSize = NonNegative(name, Value()) },
                "--znodes" => o with { Znodes = Positive(name, Value()) },
                "--read-pct" => o with { ReadPct = Percent(name, Value()) },
                "--json" => o with { JsonPath = Value() },
                "--label" => o with { Label = Value() },
                "--round" => o with { Round = NonNegative(name, Value()) },
                "--session-timeout" => o with { SessionTimeoutMs = Positive(name, Value()) },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if (!Workloads.WorkloadCatalog.Names.Contains(o.Workload))
            throw new ArgumentException($"unknown workload '{o.Workload}'; one of {string.Join(", ", Workloads.WorkloadCatalog.Names)}");
        return o;
    }

    /// <summary>The server of session (or sessions-workload worker) number i: round robin over the list.</summary>
    public ServerAddress ServerFor(int i) => Servers[i % Servers.Count];

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{name} wants a positive integer, not '{value}'");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw new ArgumentException($"{name} wants a non-negative integer, not '{value}'");

    private static int Percent(string name, string value) =>
        NonNegative(name, value) is var n and <= 100 ? n : throw new ArgumentException($"{name} wants 0..100, not '{value}'");

    private static double ParseSeconds(string name, string value, bool allowZero) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && (s > 0 || (allowZero && s == 0))
            ? s : throw new ArgumentException($"{name} wants seconds, not '{value}'");
}
