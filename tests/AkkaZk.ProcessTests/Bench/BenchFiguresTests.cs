using System.Diagnostics;
using AkkaZk.Bench;
using AkkaZk.Bench.Failover;
using AkkaZk.Bench.Report;
using Xunit;

namespace AkkaZk.ProcessTests.Bench;

/// <summary>The arithmetic behind the figures: payload identity, nearest-rank percentiles, medians and ratios.</summary>
public sealed class BenchFiguresTests
{
    [Fact]
    public void A_payload_matches_only_its_own_key_and_version()
    {
        var data = Payload.For(7, 3, 100);

        Assert.Equal(100, data.Length);
        Assert.True(Payload.Matches(data, 7, 3, 100));
        Assert.False(Payload.Matches(data, 7, 4, 100));
        Assert.False(Payload.Matches(data, 8, 3, 100));
        Assert.False(Payload.Matches(data.AsSpan(0, 99), 7, 3, 100));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_every_sample()
    {
        var msTicks = Stopwatch.Frequency / 1000;
        var ticks = Enumerable.Range(1, 1000).Reverse().Select(ms => ms * msTicks).ToArray();

        var summary = LatencySummary.FromTicks(ticks);

        Assert.Equal(500, summary.P50, 6);
        Assert.Equal(900, summary.P90, 6);
        Assert.Equal(990, summary.P99, 6);
        Assert.Equal(999, summary.P999, 6);
        Assert.Equal(1000, summary.Max, 6);
        Assert.Equal(500.5, summary.Mean, 6);
    }

    [Fact]
    public void The_table_takes_the_median_of_the_passed_rounds_and_divides_candidate_by_baseline()
    {
        BenchResult Run(string label, double opsPerSec, bool passed = true) => new(label, 0, "get", "h:1", 1, 1, 1, 1, 0, 1, 1, 0,
            (long)opsPerSec, opsPerSec, LatencySummary.Empty, 1, passed, [], DateTime.UnixEpoch);
        var runs = new[]
        {
            Run("ZooKeeper", 100), Run("ZooKeeper", 300), Run("ZooKeeper", 200),
            Run("AkkaZk", 50), Run("AkkaZk", 150), Run("AkkaZk", 9999, passed: false),
        };

        var row = SummaryTable.Build(runs, [], "ZooKeeper", "AkkaZk").Rows.Single(r => r.Figure == "ops/s");

        Assert.Equal(200, row.Baseline);
        Assert.Equal(100, row.Candidate);
        Assert.Equal(0.5, row.Ratio);
        Assert.Equal((3, 2), (row.BaselineRuns, row.CandidateRuns));
    }

    [Fact]
    public void The_failover_rows_take_the_median_and_the_maximum_of_each_sides_kills()
    {
        FailoverResult Kill(string label, long ms) => new(label, 1, "server.1", 0, 0, ms, ms, "h:1", 10, 3, false, []);
        var kills = new[] { Kill("ZooKeeper", 900), Kill("ZooKeeper", 700), Kill("ZooKeeper", 2000), Kill("AkkaZk", 1500), Kill("AkkaZk", 1100) };

        var rows = SummaryTable.Build([], [], "ZooKeeper", "AkkaZk", kills).Rows;

        var median = rows.Single(r => r.Workload == "leader failover" && r.Figure.StartsWith("kill", StringComparison.Ordinal));
        Assert.Equal((900, 1300, 3, 2), (median.Baseline, median.Candidate, median.BaselineRuns, median.CandidateRuns));
        var max = rows.Single(r => r.Workload == "leader failover" && r.Figure == "max ms");
        Assert.Equal((2000, 1500), (max.Baseline, max.Candidate));
    }
}
