using System.Diagnostics;

namespace AkkaZk.Bench;

/// <summary>Latency percentiles in milliseconds, from every measured sample (exact, no histogram buckets).</summary>
public sealed record LatencySummary(double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);

    /// <param name="ticks">Stopwatch ticks per sample; sorted in place</param>
    public static LatencySummary FromTicks(long[] ticks)
    {
        if (ticks.Length == 0)
            return Empty;
        Array.Sort(ticks);
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        // nearest-rank percentile: the smallest sample with at least p of all samples at or below it
        double At(double p) => Ms(ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Length) - 1, 0, ticks.Length - 1)]);
        var mean = ticks.Average(t => (double)t) * 1000.0 / Stopwatch.Frequency;
        return new LatencySummary(mean, At(0.50), At(0.90), At(0.99), At(0.999), Ms(ticks[^1]));
    }
}
