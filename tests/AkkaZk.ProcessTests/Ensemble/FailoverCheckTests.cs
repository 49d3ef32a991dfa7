using AkkaZk.Data;
using AkkaZk.ProcessTests.Durability;
using Xunit;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>The judge of the leader failover test, on hand-made trees: it passes a consistent tree and catches each kind of loss.</summary>
public sealed class FailoverCheckTests
{
    // One writer, one key. Acknowledged: create n-0 (zxid 10), set k-0=1 (11), create n-2 (0x100000003).
    // Create n-1 and set k-0=2 broke with their connection: n-1 was applied (12), the set was not.
    private static (FailoverWriter Writer, Dictionary<string, ZnodeState> Tree) Consistent()
    {
        var writer = new FailoverWriter(0, "/f", [1], 10000, keys: 1);
        var ledger = writer.Ledger;
        ledger.CreateAcked(ledger.NextCreate(), 10);
        ledger.SetAcked(0, ledger.NextSet(0), 11);
        ledger.NextCreate();
        ledger.NextSet(0);
        ledger.CreateAcked(ledger.NextCreate(), 0x100000003);
        var tree = new[]
        {
            Node("/f/w0/nodes", "", czxid: 2, cversion: 3, children: 3),
            Node("/f/w0/nodes/n-0", "w0-n0", czxid: 10),
            Node("/f/w0/nodes/n-1", "w0-n1", czxid: 12),
            Node("/f/w0/nodes/n-2", "w0-n2", czxid: 0x100000003),
            Node("/f/w0/keys/k-0", "1", czxid: 3, mzxid: 11, version: 1),
        }.ToDictionary(n => n.Path);
        return (writer, tree);
    }

    private static ZnodeState Node(string path, string data, long czxid, long? mzxid = null, int version = 0, int cversion = 0, int children = 0) =>
        new(path, data, new Stat(czxid, mzxid ?? czxid, 0, 0, version, cversion, 0, 0, data.Length, children, czxid), "world:anyone:31");

    [Fact]
    public void A_tree_with_every_acknowledged_write_and_one_unacknowledged_create_passes()
    {
        var (writer, tree) = Consistent();

        Assert.Empty(FailoverCheck.Violations([writer], tree));
    }

    [Fact]
    public void A_lost_acknowledged_create_is_reported()
    {
        var (writer, tree) = Consistent();
        tree.Remove("/f/w0/nodes/n-2");
        tree["/f/w0/nodes"] = Node("/f/w0/nodes", "", czxid: 2, cversion: 2, children: 2);

        Assert.Contains(FailoverCheck.Violations([writer], tree), v => v.Contains("acknowledged create /f/w0/nodes/n-2"));
    }

    [Fact]
    public void An_acknowledged_create_at_another_zxid_is_reported()
    {
        var (writer, tree) = Consistent();
        tree["/f/w0/nodes/n-2"] = Node("/f/w0/nodes/n-2", "w0-n2", czxid: 0x200000001);

        Assert.Contains(FailoverCheck.Violations([writer], tree), v => v.Contains("has czxid 0x200000001"));
    }

    [Fact]
    public void A_counter_behind_the_acknowledged_set_is_reported()
    {
        var (writer, tree) = Consistent();
        tree["/f/w0/keys/k-0"] = Node("/f/w0/keys/k-0", "0", czxid: 3);

        Assert.Contains(FailoverCheck.Violations([writer], tree), v => v.Contains("outside acknowledged 1"));
    }

    [Fact]
    public void A_node_that_was_never_sent_is_reported()
    {
        var (writer, tree) = Consistent();
        tree["/f/w0/nodes/n-3"] = Node("/f/w0/nodes/n-3", "w0-n3", czxid: 0x100000004);
        tree["/f/w0/nodes"] = Node("/f/w0/nodes", "", czxid: 2, cversion: 4, children: 4);

        Assert.Contains(FailoverCheck.Violations([writer], tree), v => v.Contains("never sent"));
    }

    [Fact]
    public void A_create_applied_twice_shows_in_the_parents_cversion()
    {
        var (writer, tree) = Consistent();
        tree["/f/w0/nodes"] = Node("/f/w0/nodes", "", czxid: 2, cversion: 4, children: 3);

        Assert.Contains(FailoverCheck.Violations([writer], tree), v => v.Contains("3 children but"));
    }
}
