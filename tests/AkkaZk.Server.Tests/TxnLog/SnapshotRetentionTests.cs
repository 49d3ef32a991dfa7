using AkkaZk.TxnLog;
using Xunit;

namespace AkkaZk.Tests.TxnLog;

public sealed class SnapshotRetentionTests
{
    private static readonly SnapshotMark[] Four = [new(10, 100), new(20, 200), new(30, 300), new(40, 400)];

    [Fact]
    public void Keeping_three_of_four_drops_the_oldest_and_the_journal_up_to_the_oldest_kept_one()
    {
        var plan = SnapshotRetention.PlanPurge(Four, 3)!;
        Assert.Equal(1, plan.SnapshotsDeleted);
        Assert.Equal(19, plan.DeleteSnapshotsUpToSequenceNr);
        Assert.Equal(new SnapshotMark(20, 200), plan.DeleteJournalUpTo);
        Assert.Equal(Four[1..], plan.Kept);
    }

    [Fact]
    public void Keeping_more_than_exist_deletes_no_snapshot_but_the_journal_the_oldest_one_covers()
    {
        var plan = SnapshotRetention.PlanPurge(Four, 10)!;
        Assert.Equal(0, plan.SnapshotsDeleted);
        Assert.Equal(new SnapshotMark(10, 100), plan.DeleteJournalUpTo);
        Assert.Equal(Four, plan.Kept);
    }

    [Fact]
    public void Without_snapshots_nothing_is_purged()
    {
        Assert.Null(SnapshotRetention.PlanPurge([], 3));
    }
}

public sealed class ZxidIndexTests
{
    [Fact]
    public void Finds_the_sequence_number_of_an_appended_zxid_across_epochs()
    {
        var index = new ZxidIndex(new SnapshotMark(0, 0));
        index.Add(1, 0x1_0000_0001);
        index.Add(2, 0x1_0000_0002);
        index.Add(3, 0x2_0000_0001);
        Assert.Equal(new SnapshotMark(3, 0x2_0000_0001), index.Find(0x2_0000_0001));
        Assert.Null(index.Find(0x1_0000_0003));
    }

    [Fact]
    public void After_a_snapshot_only_later_txns_and_the_snapshot_itself_are_found()
    {
        var index = new ZxidIndex(new SnapshotMark(0, 0));
        for (var i = 1; i <= 5; i++)
            index.Add(i, i * 10);
        index.ResetTo(new SnapshotMark(3, 30));
        Assert.Null(index.Find(20));
        Assert.Equal(new SnapshotMark(3, 30), index.Find(30));
        Assert.Equal(new SnapshotMark(5, 50), index.Find(50));
        Assert.Equal(3, index.Count);
    }
}
