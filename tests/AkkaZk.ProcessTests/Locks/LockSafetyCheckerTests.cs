using Xunit;

namespace AkkaZk.ProcessTests.Locks;

/// <summary>The lock-safety checker on fabricated histories: a clean one passes, each kind of overlap is caught.</summary>
public sealed class LockSafetyCheckerTests
{
    private const string Lock = "/r/kazoo/lock-0";

    /// <summary>
    /// Holder k (k = 1..n, sessions alternating 0x10/0x11) creates node ...lock__{k} at zxid 10k+1, sees it lowest at
    /// pzxid 10k+2 (the previous holder's delete), reads the counter (value k-1, written at 10(k-1)+4) and writes k at 10k+4.
    /// </summary>
    private static List<LockAcquisition> Clean(int n = 4) =>
        Enumerable.Range(1, n).Select(Holder).ToList();

    private static LockAcquisition Holder(int k) => new(
        "kazoo", $"k{k % 2}", $"k{k % 2}-{k}", Lock, "written", Session: 0x10 + k % 2, Node: Node(k), Lowest: Node(k),
        LowestOwner: 0x10 + k % 2, LowestCzxid: 10 * k + 1, Pzxid: 10 * k + 2, ReadValue: k - 1, ReadVersion: k - 1,
        ReadMzxid: k == 1 ? 3 : 10 * (k - 1) + 4, WriteValue: k, WriteVersion: k, WriteZxid: 10 * k + 4);

    private static string Node(int k) => $"uuid{k}__lock__{k:D10}";

    private static LockHistory History(IEnumerable<LockAcquisition> acquisitions, long? finalValue = null, IEnumerable<LocalOverlap>? overlaps = null)
    {
        var list = acquisitions.ToList();
        var written = list.Where(a => a.Written).OrderBy(a => a.WriteZxid).ToList();
        var value = finalValue ?? written.Count;
        return new LockHistory(list, (overlaps ?? []).ToList(),
            [new FinalCounter("kazoo", Lock, value, (int)value, written.Count > 0 ? written[^1].WriteZxid!.Value : 3)], [], []);
    }

    private static void AssertCaught(LockHistory history, string fragment)
    {
        var violations = LockSafetyChecker.Violations(history);
        Assert.True(violations.Any(v => v.Contains(fragment, StringComparison.Ordinal)),
            $"expected a violation mentioning \"{fragment}\", got:\n{string.Join('\n', violations)}");
    }

    [Fact]
    public void A_chain_of_holders_one_after_another_in_zxid_order_passes()
    {
        Assert.Empty(LockSafetyChecker.Violations(History(Clean())));
    }

    [Fact]
    public void Holders_that_stopped_or_whose_write_did_not_take_effect_stay_out_of_the_chain()
    {
        var history = Clean();
        history.Insert(2, new LockAcquisition("kazoo", "k9", "k9-1", Lock, "abandoned"));
        history.Insert(3, Holder(3) with { Id = "k9-2", Outcome = "not-applied", WriteValue = null, WriteVersion = null, WriteZxid = null, Pzxid = 31 });

        Assert.Empty(LockSafetyChecker.Violations(History(history)));
    }

    [Fact]
    public void A_holder_whose_tenure_began_before_the_previous_holders_write_is_an_overlap()
    {
        // holder 3 saw itself lowest at zxid 23, before holder 2 wrote at 24, and then read the value holder 2 wrote
        // (the interleaving in which the counter alone would not tell)
        var history = Clean();
        history[2] = history[2] with { Pzxid = 23, LowestCzxid = 21 };

        AssertCaught(History(history), "the two tenures overlap");
    }

    [Fact]
    public void A_conditional_write_that_failed_with_BadVersion_while_holding_is_an_overlap()
    {
        var history = Clean();
        history.Add(Holder(5) with { Outcome = "bad-version", WriteValue = null, WriteVersion = null, WriteZxid = null });

        AssertCaught(History(history), "failed with BadVersion");
    }

    [Fact]
    public void Two_holders_that_read_the_same_counter_value_are_caught_even_if_both_writes_succeeded()
    {
        // holder 3 read what holder 1 wrote although holder 2 wrote in between (a lost update)
        var history = Clean();
        history[2] = history[2] with { ReadValue = 1, ReadVersion = 1, ReadMzxid = 14, WriteValue = 2, WriteVersion = 2 };

        AssertCaught(History(history, finalValue: 4), "read the counter at 1");
    }

    [Fact]
    public void A_holder_whose_own_read_shows_another_sessions_znode_lowest_is_caught()
    {
        var history = Clean();
        history[1] = history[1] with { Lowest = Node(1), LowestOwner = 0x11 + 1 };

        AssertCaught(History(history), "not 0x10");
        AssertCaught(History(history), "but its own read shows");
    }

    [Fact]
    public void A_final_counter_that_differs_from_the_completed_critical_sections_is_caught()
    {
        AssertCaught(History(Clean(), finalValue: 5), "the counter ends at 5");
        AssertCaught(History(Clean(), finalValue: 3), "the counter ends at 3");
    }

    [Fact]
    public void An_unresolved_write_explains_a_gap_of_one_and_a_final_count_one_higher()
    {
        // holder 3's reply was lost and its session too; holder 4 found its value 3
        var history = Clean(5);
        history[2] = history[2] with { Outcome = "unresolved", WriteVersion = null, WriteZxid = null };
        var unknown = History(history, finalValue: 5);

        Assert.Empty(LockSafetyChecker.Violations(unknown));
        AssertCaught(History(history, finalValue: 6), "the counter ends at 6");
    }

    [Fact]
    public void Lock_znode_sequence_numbers_that_go_back_between_holders_are_caught()
    {
        var history = Clean();
        history[3] = history[3] with { Node = Node(2), Lowest = Node(2) };

        AssertCaught(History(history), "sequence went back");
    }

    [Fact]
    public void Two_sessions_of_one_process_acting_as_holders_at_once_are_caught()
    {
        AssertCaught(History(Clean(), overlaps: [new LocalOverlap("kazoo", Lock, "k1", "k0")]), "in-process: k1 became holder");
    }

    [Fact]
    public void The_checker_reads_the_clients_json_lines()
    {
        var history = LockHistory.Parse("kazoo",
        [
            """{"event":"state","client":"k0","state":"CONNECTED","t":1}""",
            """{"lib":"kazoo","client":"k0","id":"k0-1","lock":"/r/kazoo/lock-0","counter":"/r/kazoo/counter-0","node":"u__lock__0000000001","t_acquired":5,"session":16,"pzxid":12,"lowest":"u__lock__0000000001","lowest_owner":16,"lowest_czxid":11,"read_value":0,"read_version":0,"read_mzxid":3,"outcome":"written","write_value":1,"write_version":1,"write_zxid":14,"t_released":6}""",
            """{"event":"local-overlap","lock":"/r/kazoo/lock-0","holder":"k1","other":"k0","t":7}""",
            """{"event":"final","lib":"kazoo","lock":"/r/kazoo/lock-0","counter":"/r/kazoo/counter-0","value":1,"version":1,"mzxid":14}""",
        ]);

        var a = Assert.Single(history.Acquisitions);
        Assert.Equal((16L, 12L, 14L, 1L), (a.Session!.Value, a.Pzxid!.Value, a.WriteZxid!.Value, a.WriteValue!.Value));
        Assert.Single(history.LocalOverlaps);
        Assert.Equal(new FinalCounter("kazoo", "/r/kazoo/lock-0", 1, 1, 14), Assert.Single(history.Finals));
        Assert.Single(LockSafetyChecker.Violations(history));
    }
}
