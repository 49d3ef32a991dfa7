using AkkaZk.Data;
using Xunit;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>The judge of the kill -9 tests, on hand-made trees: it passes a consistent recovery and catches each kind of loss or replay.</summary>
public sealed class CrashCheckTests
{
    // One writer, one key. Txns in zxid order: 10 create n-0 (ack), 11 set k-0=1 (ack), 12 seq w0-0 (ack),
    // 13 create n-1 (ack), 14 set k-0=2 (durable, ack lost in the crash); create n-2 was sent but never made it.
    private static (CrashWorkload Workload, Dictionary<string, ZnodeState> Tree) Recovered()
    {
        var workload = new CrashWorkload("/c", writers: 1, keys: 1);
        var ledger = workload.Ledgers[0];
        ledger.CreateAcked(ledger.NextCreate(), 10);
        ledger.SetAcked(0, ledger.NextSet(0), 11);
        ledger.SequentialAcked(ledger.NextSequential(), "/c/seq/s-0000000000", 12);
        ledger.CreateAcked(ledger.NextCreate(), 13);
        ledger.NextSet(0);
        ledger.NextCreate();
        var tree = new[]
        {
            Node("/c/w0/nodes", "", czxid: 2, cversion: 2, children: 2, pzxid: 13),
            Node("/c/w0/nodes/n-0", "w0-n0", czxid: 10),
            Node("/c/w0/nodes/n-1", "w0-n1", czxid: 13),
            Node("/c/w0/keys/k-0", "2", czxid: 3, mzxid: 14, version: 2),
            Node("/c/seq", "", czxid: 1, cversion: 1, children: 1, pzxid: 12),
            Node("/c/seq/s-0000000000", "w0-0", czxid: 12),
        }.ToDictionary(n => n.Path);
        return (workload, tree);
    }

    private static ZnodeState Node(string path, string data, long czxid, long? mzxid = null, int version = 0,
        int cversion = 0, int children = 0, long? pzxid = null) =>
        new(path, data, new Stat(czxid, mzxid ?? czxid, 0, 0, version, cversion, 0, 0, data.Length, children, pzxid ?? czxid), "world:anyone:31");

    [Fact]
    public void A_recovery_with_every_acknowledged_write_and_an_unacknowledged_durable_one_passes()
    {
        var (workload, tree) = Recovered();

        Assert.Empty(CrashCheck.Violations(workload, tree, lastZxid: 14));
    }

    [Fact]
    public void A_lost_acknowledged_create_is_reported()
    {
        var (workload, tree) = Recovered();
        tree.Remove("/c/w0/nodes/n-1");
        tree["/c/w0/nodes"] = Node("/c/w0/nodes", "", czxid: 2, cversion: 1, children: 1, pzxid: 10);

        Assert.Contains(CrashCheck.Violations(workload, tree, 14), v => v.Contains("acknowledged create /c/w0/nodes/n-1"));
    }

    [Fact]
    public void A_set_applied_twice_shows_as_a_version_ahead_of_the_counter()
    {
        var (workload, tree) = Recovered();
        tree["/c/w0/keys/k-0"] = Node("/c/w0/keys/k-0", "2", czxid: 3, mzxid: 15, version: 3);

        Assert.Contains(CrashCheck.Violations(workload, tree, 15), v => v.Contains("dataVersion 3"));
    }

    [Fact]
    public void A_key_older_than_its_acknowledged_value_is_reported()
    {
        var (workload, tree) = Recovered();
        tree["/c/w0/keys/k-0"] = Node("/c/w0/keys/k-0", "0", czxid: 3);

        Assert.Contains(CrashCheck.Violations(workload, tree, 14), v => v.Contains("outside acknowledged 1"));
    }

    [Fact]
    public void A_sequential_create_replayed_twice_is_reported()
    {
        var (workload, tree) = Recovered();
        tree["/c/seq/s-0000000001"] = Node("/c/seq/s-0000000001", "w0-0", czxid: 14);
        tree["/c/seq"] = Node("/c/seq", "", czxid: 1, cversion: 2, children: 2, pzxid: 14);

        Assert.Contains(CrashCheck.Violations(workload, tree, 14), v => v.Contains("applied 2 times"));
    }

    [Fact]
    public void A_hole_in_a_writers_creates_is_reported()
    {
        var (workload, tree) = Recovered();
        tree.Remove("/c/w0/nodes/n-0");
        tree["/c/w0/nodes/n-2"] = Node("/c/w0/nodes/n-2", "w0-n2", czxid: 15);

        Assert.Contains(CrashCheck.Violations(workload, tree, 15), v => v.Contains("not a prefix"));
    }

    [Fact]
    public void A_server_zxid_below_an_acknowledged_one_is_reported()
    {
        var (workload, tree) = Recovered();

        Assert.Contains(CrashCheck.Violations(workload, tree, lastZxid: 12), v => v.Contains("below the highest acknowledged"));
    }
}
