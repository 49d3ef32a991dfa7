using System.Diagnostics;
using System.Text;

namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>The verdict on a whole history: linearizable only when every key is.</summary>
public sealed record CheckResult(CheckOutcome Outcome, string Explanation, IReadOnlyList<KeyVerdict> Keys, TimeSpan Elapsed)
{
    public bool IsLinearizable => Outcome == CheckOutcome.Linearizable;
}

/// <summary>
/// Checks a register history for linearizability. Keys are independent registers, so each is searched on its own
/// (a history is linearizable iff each key's sub-history is: linearizability is local).
/// </summary>
public static class LinearizabilityChecker
{
    private static readonly TimeSpan DefaultBudget = TimeSpan.FromMinutes(1);

    public static CheckResult Check(History history, TimeSpan? budget = null)
    {
        if (history.Ops.FirstOrDefault(op => op.Complete < op.Invoke) is { } backwards)
            throw new ArgumentException($"op completes before it was invoked: {backwards}", nameof(history));
        var clock = Stopwatch.StartNew();
        var verdicts = new List<KeyVerdict>();
        foreach (var group in history.Ops.GroupBy(op => op.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var verdict = WglSearch.Run(group.Key, group.ToList(), history.InitialOf(group.Key), clock, budget ?? DefaultBudget);
            verdicts.Add(verdict);
            if (verdict.Outcome != CheckOutcome.Linearizable)
                break;
        }
        var failed = verdicts.FirstOrDefault(v => v.Outcome != CheckOutcome.Linearizable);
        var outcome = failed?.Outcome ?? CheckOutcome.Linearizable;
        return new CheckResult(outcome, Explain(history, failed, verdicts, clock.Elapsed), verdicts, clock.Elapsed);
    }

    private static string Explain(History history, KeyVerdict? failed, List<KeyVerdict> verdicts, TimeSpan elapsed)
    {
        var indeterminate = history.Count(op => op.IsIndeterminate);
        var summary = $"{history.Ops.Count} ops ({indeterminate} indeterminate) on {verdicts.Count} key(s), " +
            $"{verdicts.Sum(v => v.Steps)} steps, {verdicts.Sum(v => v.Configurations)} configurations, {elapsed.TotalMilliseconds:F0} ms";
        if (failed is null)
            return "linearizable: " + summary;
        var text = new StringBuilder();
        var key = failed.Key.Length > 0 ? $" key {failed.Key}:" : "";
        if (failed.Outcome == CheckOutcome.Unknown)
            text.Append("gave up (time budget spent):");
        else
            text.Append("not linearizable:");
        text.Append(key).Append(' ').AppendLine(summary);
        if (failed.Unplaceable is null)
            return text.ToString();
        text.AppendLine($"longest linearizable prefix: {failed.LongestPrefix} of {failed.Ops} ops, leaving the register at {failed.StateAtStuck}");
        text.AppendLine($"could not place: {failed.Unplaceable}");
        AppendList(text, "last placed", failed.LastLinearized);
        AppendList(text, "latest calls open before its response", failed.Candidates);
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, string title, IReadOnlyList<RegisterOp> ops)
    {
        if (ops.Count == 0)
            return;
        text.AppendLine(title + ":");
        foreach (var op in ops)
            text.Append("  ").AppendLine(op.ToString());
    }
}
