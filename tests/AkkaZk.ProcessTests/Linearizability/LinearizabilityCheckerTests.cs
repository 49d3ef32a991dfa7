using Xunit;
using static AkkaZk.ProcessTests.Linearizability.RegisterOp;

namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>Hand-made register histories with a known verdict. No server: these run in milliseconds.</summary>
[Trait("Category", "Fast")]
public sealed class LinearizabilityCheckerTests
{
    private static readonly RegisterState Zero = new(0, 0);

    private static CheckResult Check(params RegisterOp[] ops) => LinearizabilityChecker.Check(History.Of(Zero, ops));

    private static void AssertLinearizable(params RegisterOp[] ops)
    {
        var result = Check(ops);
        Assert.True(result.IsLinearizable, result.Explanation);
    }

    private static CheckResult AssertNotLinearizable(params RegisterOp[] ops)
    {
        var result = Check(ops);
        Assert.Equal(CheckOutcome.NotLinearizable, result.Outcome);
        return result;
    }

    [Fact]
    public void An_empty_history_is_linearizable() => AssertLinearizable();

    [Fact]
    public void Reads_concurrent_with_a_write_may_see_the_old_or_the_new_value() =>
        AssertLinearizable(
            Write(1, 0, 100, 1),
            Read(2, 10, 20, 0),
            Read(3, 10, 20, 1),
            Read(2, 30, 40, 1));

    [Fact]
    public void Once_a_read_saw_the_new_value_a_later_read_may_not_see_the_old_one() =>
        AssertNotLinearizable(
            Write(1, 0, 100, 1),
            Read(2, 10, 20, 1),
            Read(3, 30, 40, 0));

    [Fact]
    public void A_read_after_a_completed_write_sees_that_write() =>
        AssertLinearizable(Write(1, 0, 10, 1), Read(2, 20, 30, 1, version: 1));

    [Fact]
    public void A_stale_read_after_a_completed_write_is_not_linearizable_and_is_named_in_the_explanation()
    {
        var result = AssertNotLinearizable(Write(1, 0, 10, 1), Read(2, 20, 30, 0));

        Assert.Contains("could not place: p2 read -> 0 [20..30]", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("longest linearizable prefix: 1 of 2 ops", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_of_a_value_never_written_is_not_linearizable() =>
        AssertNotLinearizable(Write(1, 0, 10, 1), Read(2, 5, 30, 7));

    [Fact]
    public void A_read_must_see_the_version_as_well_as_the_value() =>
        AssertNotLinearizable(Write(1, 0, 10, 1), Read(2, 20, 30, 1, version: 2));

    [Fact]
    public void A_write_answering_a_version_that_skips_one_is_not_linearizable() =>
        AssertNotLinearizable(Write(1, 0, 10, 1, newVersion: 2));

    [Fact]
    public void Of_two_concurrent_cas_on_the_same_version_one_succeeds_and_the_other_fails() =>
        AssertLinearizable(
            Read(1, 0, 1, 0, version: 0),
            Read(2, 0, 1, 0, version: 0),
            Cas(1, 2, 10, expectedVersion: 0, value: 1, ok: true, newVersion: 1),
            Cas(2, 3, 8, expectedVersion: 0, value: 2, ok: false),
            Read(2, 11, 12, 1, version: 1));

    [Fact]
    public void Two_successful_cas_on_the_same_version_are_not_linearizable_when_concurrent() =>
        AssertNotLinearizable(
            Cas(1, 2, 10, expectedVersion: 0, value: 1, ok: true),
            Cas(2, 3, 8, expectedVersion: 0, value: 2, ok: true));

    [Fact]
    public void Two_successful_cas_on_the_same_version_are_not_linearizable_when_one_after_the_other() =>
        AssertNotLinearizable(
            Cas(1, 0, 1, expectedVersion: 0, value: 1, ok: true),
            Cas(2, 5, 6, expectedVersion: 0, value: 2, ok: true));

    [Fact]
    public void A_cas_may_not_fail_when_nothing_could_have_moved_the_version() =>
        AssertNotLinearizable(
            Read(1, 0, 1, 0, version: 0),
            Cas(1, 2, 3, expectedVersion: 0, value: 1, ok: false));

    [Fact]
    public void A_cas_on_the_version_before_an_acknowledged_write_shows_the_write_was_lost() =>
        AssertNotLinearizable(
            Write(1, 0, 1, 1),
            Cas(2, 5, 6, expectedVersion: 0, value: 2, ok: true));

    [Fact]
    public void A_cas_fails_against_a_version_a_concurrent_write_just_raised() =>
        AssertLinearizable(
            Read(1, 0, 1, 0, version: 0),
            Write(2, 2, 10, 5),
            Cas(1, 3, 4, expectedVersion: 0, value: 6, ok: false),
            Read(1, 11, 12, 5, version: 1));

    [Fact]
    public void Intervals_that_touch_count_as_concurrent() =>
        AssertLinearizable(Write(1, 0, 10, 1), Read(2, 10, 20, 0));

    [Fact]
    public void An_indeterminate_write_may_take_effect() =>
        AssertLinearizable(Write(1, 0, null, 1), Read(2, 20, 30, 1, version: 1));

    [Fact]
    public void An_indeterminate_write_may_never_take_effect() =>
        AssertLinearizable(Write(1, 0, null, 1), Read(2, 20, 30, 0, version: 0), Read(2, 40, 50, 0, version: 0));

    [Fact]
    public void An_indeterminate_write_may_take_effect_long_after_later_writes() =>
        AssertLinearizable(
            Write(1, 0, null, 1),
            Write(2, 10, 11, 2),
            Read(2, 12, 13, 2, version: 1),
            Read(2, 50, 60, 1, version: 2));

    [Fact]
    public void An_indeterminate_write_takes_effect_at_most_once() =>
        AssertNotLinearizable(
            Write(1, 0, null, 1),
            Read(2, 10, 11, 1),
            Write(2, 12, 13, 2),
            Read(2, 14, 15, 1));

    [Fact]
    public void An_indeterminate_write_cannot_take_effect_before_it_was_invoked() =>
        AssertNotLinearizable(Read(2, 0, 5, 1), Write(1, 10, null, 1));

    [Fact]
    public void An_indeterminate_cas_takes_effect_only_on_its_expected_version()
    {
        AssertLinearizable(Cas(1, 0, null, expectedVersion: 0, value: 3, ok: false), Read(2, 10, 11, 3, version: 1));
        AssertNotLinearizable(
            Write(2, 0, 1, 1),
            Cas(1, 5, null, expectedVersion: 0, value: 3, ok: false),
            Read(2, 10, 11, 3));
    }

    [Fact]
    public void An_indeterminate_read_constrains_nothing() =>
        AssertLinearizable(Write(1, 0, 1, 1), Read(2, 5, null, 42));

    [Fact]
    public void An_absent_register_reads_as_absent_and_a_write_creates_it_at_version_0()
    {
        var history = History.Of(RegisterState.Absent,
            Read(1, 0, 1, null), Write(1, 2, 3, 1, newVersion: 0), Read(2, 4, 5, 1, version: 0));
        var result = LinearizabilityChecker.Check(history);
        Assert.True(result.IsLinearizable, result.Explanation);
    }

    [Fact]
    public void Keys_are_independent_registers_and_a_violation_names_its_key()
    {
        var fine = new History([Write(1, 0, 1, 1, key: "a"), Write(2, 0, 1, 2, key: "b"), Read(1, 2, 3, 1, key: "a"), Read(2, 2, 3, 2, key: "b")],
            new Dictionary<string, RegisterState> { ["a"] = Zero, ["b"] = Zero });
        var mixed = fine with { Ops = [.. fine.Ops, Read(3, 4, 5, 1, key: "b")] };

        var fineResult = LinearizabilityChecker.Check(fine);
        var mixedResult = LinearizabilityChecker.Check(mixed);

        Assert.True(fineResult.IsLinearizable, fineResult.Explanation);
        Assert.Equal(2, fineResult.Keys.Count);
        Assert.Equal(CheckOutcome.NotLinearizable, mixedResult.Outcome);
        Assert.Contains("key b:", mixedResult.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_op_that_completes_before_it_was_invoked_is_refused() =>
        Assert.Throws<ArgumentException>(() => Check(Write(1, 10, 5, 1)));

    [Fact]
    public void A_search_that_runs_out_of_time_says_so_and_does_not_pass()
    {
        var history = SimulatedRegisterHistory.Generate(new Random(3), new SimulatedRegisterHistory.Options(4, 2000, RecordVersions: false));

        var result = LinearizabilityChecker.Check(history, TimeSpan.Zero);

        Assert.Equal(CheckOutcome.Unknown, result.Outcome);
        Assert.False(result.IsLinearizable);
        Assert.StartsWith("gave up", result.Explanation, StringComparison.Ordinal);
    }
}
