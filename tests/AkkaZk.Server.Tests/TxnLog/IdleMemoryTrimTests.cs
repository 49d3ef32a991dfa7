using AkkaZk.TxnLog;
using Xunit;

namespace AkkaZk.Tests.TxnLog;

public sealed class IdleMemoryTrimTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_large_snapshot_makes_one_trim_due_once_the_log_has_been_idle_long_enough()
    {
        var trim = new IdleMemoryTrim();
        trim.Appended(T0);
        trim.SnapshotSaved(IdleMemoryTrim.LargeSnapshotBytes);

        Assert.False(trim.TakeDue(T0 + IdleMemoryTrim.IdleFor - TimeSpan.FromMilliseconds(1), savingSnapshot: false));
        Assert.True(trim.TakeDue(T0 + IdleMemoryTrim.IdleFor, savingSnapshot: false));
        Assert.False(trim.TakeDue(T0 + IdleMemoryTrim.IdleFor * 10, savingSnapshot: false));
    }

    [Fact]
    public void Writes_keep_postponing_the_trim()
    {
        var trim = new IdleMemoryTrim();
        trim.SnapshotSaved(IdleMemoryTrim.LargeSnapshotBytes * 4);
        for (var s = 0; s < 10; s++)
        {
            trim.Appended(T0.AddSeconds(s));
            Assert.False(trim.TakeDue(T0.AddSeconds(s + 1), savingSnapshot: false));
        }
        Assert.True(trim.TakeDue(T0.AddSeconds(9) + IdleMemoryTrim.IdleFor, savingSnapshot: false));
    }

    [Fact]
    public void A_small_snapshot_never_makes_a_trim_due()
    {
        var trim = new IdleMemoryTrim();
        trim.SnapshotSaved(IdleMemoryTrim.LargeSnapshotBytes - 1);
        Assert.False(trim.TakeDue(T0.AddHours(1), savingSnapshot: false));
    }

    [Fact]
    public void No_trim_while_another_snapshot_is_being_saved()
    {
        var trim = new IdleMemoryTrim();
        trim.SnapshotSaved(IdleMemoryTrim.LargeSnapshotBytes);
        Assert.False(trim.TakeDue(T0.AddHours(1), savingSnapshot: true));
        Assert.True(trim.TakeDue(T0.AddHours(1), savingSnapshot: false));
    }

    [Fact]
    public void A_trim_gives_back_the_garbage_of_large_arrays()
    {
        var garbage = new List<byte[]>();
        for (var i = 0; i < 8; i++)
        {
            var array = new byte[32 << 20];
            Array.Fill(array, (byte)1); // touched, so resident
            garbage.Add(array);
        }
        var resident = Environment.WorkingSet;
        garbage.Clear();

        var returned = IdleMemoryTrim.Trim();

        Assert.True(returned >= 64L << 20, $"gave back {returned >> 20} MiB of the 256 MiB of dead arrays (working set was {resident >> 20} MiB)");
    }
}
