using ScottPlot;

namespace AkkaZk.Bench.Report;

/// <summary>Grouped bar charts of the medians: throughput.png (ops/s) and p99.png (ms), one group per workload.</summary>
public static class Charts
{
    public static void Draw(SummaryTable table, string dir)
    {
        Bars(table, "ops/s", "Throughput (median ops/s, higher is better)", Path.Combine(dir, "throughput.png"));
        Bars(table, "p99 ms", "p99 latency (median ms, lower is better)", Path.Combine(dir, "p99.png"));
    }

    private static void Bars(SummaryTable table, string figure, string title, string file)
    {
        var rows = table.Rows.Where(r => r.Figure == figure).ToList();
        if (rows.Count == 0)
            return;
        var baselineColor = Colors.SteelBlue;
        var candidateColor = Colors.DarkOrange;
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            bars.Add(new Bar { Position = i * 3 + 0, Value = Zero(rows[i].Baseline), FillColor = baselineColor });
            bars.Add(new Bar { Position = i * 3 + 1, Value = Zero(rows[i].Candidate), FillColor = candidateColor });
        }
        plot.Add.Bars(bars);
        var ticks = rows.Select((r, i) => new Tick(i * 3 + 0.5, r.Workload)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = table.BaselineLabel, FillColor = baselineColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = table.CandidateLabel, FillColor = candidateColor });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.YLabel(figure);
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(file, 1100, 550);
    }

    private static double Zero(double v) => double.IsNaN(v) ? 0 : v;
}
