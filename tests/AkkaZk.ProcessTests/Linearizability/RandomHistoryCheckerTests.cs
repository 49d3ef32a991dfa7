using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>
/// The checker on simulated histories: every simulated run is linearizable, a stale read planted in it is not,
/// and on small histories with arbitrary damage the checker agrees with a brute-force search. No server.
/// </summary>
[Trait("Category", "Fast")]
public sealed class RandomHistoryCheckerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.02)]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.01)]
    public void Simulated_histories_are_linearizable_until_one_read_is_made_stale(bool recordVersions, double indeterminate)
    {
        var random = new Random(17);
        var corrupted = 0;
        for (var run = 0; run < 100; run++)
        {
            var options = new SimulatedRegisterHistory.Options(2 + run % 5, 50 + run * 2, indeterminate, recordVersions);
            var history = SimulatedRegisterHistory.Generate(random, options);

            var result = LinearizabilityChecker.Check(history);
            Assert.True(result.IsLinearizable, $"run {run}: {result.Explanation}");

            if (SimulatedRegisterHistory.WithStaleRead(history, random) is not { } stale)
                continue;
            var staleResult = LinearizabilityChecker.Check(stale);
            Assert.True(staleResult.Outcome == CheckOutcome.NotLinearizable, $"run {run}, stale read accepted: {staleResult.Explanation}");
            corrupted++;
        }
        Assert.True(corrupted > 80, $"only {corrupted} histories had a read to make stale");
    }

    [Fact]
    public void On_small_histories_with_random_damage_the_checker_agrees_with_brute_force()
    {
        var random = new Random(23);
        var verdicts = new int[2];
        var indet = 0;
        for (var run = 0; run < 3000; run++)
        {
            var options = new SimulatedRegisterHistory.Options(2 + run % 3, 4 + run % 6, IndeterminateRate: run % 3 == 0 ? 0.4 : 0.1,
                RecordVersions: run % 2 == 0, MaxGap: 3, MaxLength: 8);
            var history = Damage(SimulatedRegisterHistory.Generate(random, options), random);

            var expected = BruteForceLinearizability.IsLinearizable(history);
            var result = LinearizabilityChecker.Check(history);

            Assert.True(expected == result.IsLinearizable,
                $"run {run}: brute force says {expected}, checker says {result.Explanation}\n{string.Join('\n', history.Ops)}");
            verdicts[expected ? 1 : 0]++;
            indet += history.Count(op => op.IsIndeterminate);
        }
        output.WriteLine($"{verdicts[1]} linearizable, {verdicts[0]} not, {indet} indeterminate");
        Assert.True(verdicts[0] > 300 && verdicts[1] > 300, $"one-sided sample: {verdicts[1]} linearizable, {verdicts[0]} not");
    }

    [Theory]
    [InlineData(5, 5000, true, 0.005)]
    [InlineData(6, 3000, false, 0.002)]
    [InlineData(4, 5000, true, 0.05)]
    [InlineData(4, 3000, false, 0.01)]
    [InlineData(4, 60000, true, 0.0007)]
    public void A_history_of_thousands_of_ops_is_checked_within_seconds(int processes, int ops, bool recordVersions, double indeterminate)
    {
        var history = SimulatedRegisterHistory.Generate(new Random(5), new SimulatedRegisterHistory.Options(processes, ops, indeterminate, recordVersions));
        var stale = SimulatedRegisterHistory.WithStaleRead(history, new Random(6))!;

        var clock = Stopwatch.StartNew();
        var result = LinearizabilityChecker.Check(history, TimeSpan.FromSeconds(20));
        var fine = clock.Elapsed;
        var staleResult = LinearizabilityChecker.Check(stale, TimeSpan.FromSeconds(20));
        output.WriteLine($"{result.Explanation}\n{staleResult.Explanation}");

        Assert.True(result.IsLinearizable, result.Explanation);
        Assert.Equal(CheckOutcome.NotLinearizable, staleResult.Outcome);
        Assert.True(fine < TimeSpan.FromSeconds(10), $"took {fine.TotalSeconds:F1} s");
    }

    /// <summary>Half the histories get one change: a read's value or version, or a CAS's outcome.</summary>
    private static History Damage(History history, Random random)
    {
        var determinate = history.Ops.Where(op => !op.IsIndeterminate && op.Kind != OpKind.Write).ToList();
        if (random.Next(2) == 0 || determinate.Count == 0)
            return history;
        var victim = determinate[random.Next(determinate.Count)];
        var damaged = victim.Kind == OpKind.Read
            ? random.Next(3) == 0 && victim.Version is { } v
                ? victim with { Version = v + random.Next(1, 3) * (random.Next(2) * 2 - 1) }
                : victim with { Value = random.Next(-1, history.Ops.Count + 1) }
            : victim with { Ok = !victim.Ok, Version = null };
        return history with { Ops = history.Ops.Select(op => ReferenceEquals(op, victim) ? damaged : op).ToList() };
    }
}
