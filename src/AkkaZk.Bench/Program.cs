using System.Text.Json;
using AkkaZk.Bench.Report;

namespace AkkaZk.Bench;

/// <summary>`akkazk-bench`: the load generator and the helpers scripts/bench.sh calls.</summary>
public static class Program
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public const string Usage = """
        Usage: akkazk-bench [run] --server host:port[,host:port...] --workload W [--sessions N] [--outstanding K] [--seconds S]
                            [--warmup S] [--data-size B] [--znodes N] [--read-pct P] [--json out.json] [--label L] [--round R]
                 workloads: create set get exists children mixed watch sessions
                 exit code 1 when any answer was wrong (or the run could not complete); with several servers,
                 session i connects to server i mod count
               akkazk-bench populate --server host:port --znodes N [--data-size B] [--root /path]
                 creates N znodes under root (for memory and restart measurements)
               akkazk-bench probe --server host:port --path P [--timeout S]
                 retries connect + getData(P) until it succeeds; prints the Unix time in ms when it did
               akkazk-bench failover --server host:port[,host:port...] --path P [--timeout S] [--attempt-timeout-ms MS]
                            [--json out.json] [--label L] [--round R] [--killed NAME]
                 writes P without pause, moving to the next server after a failure; prints "ready" after the first
                 write, reads the leader's kill time (Unix ms) from stdin, prints "failover <ms>": kill to first write
               akkazk-bench touch --server host:port --path P [--count N]
                 N setData of P with its own data; prints the zxid of the first (for forcing a snapshot)
               akkazk-bench report <results dir> [--baseline ZooKeeper] [--candidate AkkaZk]
                 medians per workload and figure, the candidate/baseline ratio, PNG charts into the dir

        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                null or "--help" or "-h" => Help(args.Length == 0 ? 2 : 0),
                "populate" => await PopulateCommand.RunAsync(args[1..]),
                "failover" => await Failover.FailoverCommand.RunAsync(args[1..]),
                "probe" => await ProbeCommand.RunAsync(args[1..]),
                "touch" => await TouchCommand.RunAsync(args[1..]),
                "report" => ReportCommand.Run(args[1..]),
                "run" => await RunAsync(args[1..]),
                _ => await RunAsync(args),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"akkazk-bench: {e.Message}");
            return 2;
        }
    }

    private static int Help(int code)
    {
        Console.Out.Write(Usage);
        return code;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var result = await BenchRunner.RunAsync(options, Console.Out);
        var l = result.LatencyMs;
        Console.Out.WriteLine($"{result.Label} {result.Workload}: {result.OpsPerSec:F0} ops/s ({result.Ops} ops in {result.Seconds}s), " +
            $"latency ms p50 {l.P50:F2} p90 {l.P90:F2} p99 {l.P99:F2} p99.9 {l.P999:F2} max {l.Max:F2}; {result.Verified} answers verified");
        foreach (var failure in result.Failures)
            Console.Error.WriteLine($"FAILED: {failure}");
        if (options.JsonPath is { } path)
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, Json));
        return result.Passed ? 0 : 1;
    }
}
