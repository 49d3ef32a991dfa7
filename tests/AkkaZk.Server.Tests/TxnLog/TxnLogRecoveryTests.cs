using AkkaZk.TxnLog;
using Xunit;
using Xunit.Abstractions;
using static AkkaZk.TxnLog.TxnLogProtocol;

namespace AkkaZk.Tests.TxnLog;

public sealed class TxnLogRecoveryTests(ITestOutputHelper output)
{
    private static long Zxid(long epoch, long counter) => (epoch << 32) | counter;

    [Fact]
    public async Task An_empty_log_recovers_nothing_and_reports_zxid_zero()
    {
        using var dir = new TempDataDir();
        using var run = TxnLogTestRun.Start(dir.Sqlite(), output);
        var (snapshot, tail, done) = await run.RecoverAsync();
        Assert.Null(snapshot);
        Assert.Empty(tail);
        Assert.Equal(new RecoveryCompleted(0, 0, 0), done);
    }

    [Fact]
    public async Task Appended_txns_are_recovered_in_order_after_the_actor_system_restarts()
    {
        using var dir = new TempDataDir();
        var zxids = Enumerable.Range(1, 250).Select(i => Zxid(1, i)).Concat(Enumerable.Range(1, 50).Select(i => Zxid(2, i))).ToList();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(chunk: 64), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync(zxids);
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(chunk: 64), output))
        {
            var (snapshot, tail, done) = await run.RecoverAsync();
            Assert.Null(snapshot);
            Assert.Equal(zxids, tail.Select(t => t.Zxid));
            Assert.All(tail, t => Assert.Equal(TxnLogTestRun.TxnBytes(t.Zxid), t.Txn));
            Assert.Equal(zxids[^1], done.LastZxid);
            Assert.Equal(zxids.Count, done.ReplayedTxns);
        }
    }

    [Fact]
    public async Task Recovery_streams_the_tail_in_chunks_of_the_configured_size()
    {
        using var dir = new TempDataDir();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync(Enumerable.Range(1, 25).Select(i => (long)i));
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(chunk: 10), output))
        {
            var sizes = new List<int>();
            while (await run.Listener.ReceiveOneAsync(TimeSpan.FromSeconds(20)) is RecoveryChunk chunk)
                sizes.Add(chunk.Txns.Count);
            Assert.Equal([10, 10, 5], sizes);
        }
    }

    [Fact]
    public async Task Recovery_starts_from_the_snapshot_and_replays_only_the_txns_after_it()
    {
        using var dir = new TempDataDir();
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251)).ToArray();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync(Enumerable.Range(1, 40).Select(i => (long)i));
            run.Log.Tell(new SaveSnapshot(30, data), run.Client.Ref);
            Assert.Equal(new SnapshotSaved(30), await run.Client.ExpectMsgAsync<SnapshotSaved>(TimeSpan.FromSeconds(20)));
            await run.AppendAllAsync(Enumerable.Range(41, 10).Select(i => (long)i));
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            var (snapshot, tail, done) = await run.RecoverAsync();
            Assert.NotNull(snapshot);
            Assert.Equal(30, snapshot.LastZxid);
            Assert.Equal(data, snapshot.Data);
            Assert.Equal(Enumerable.Range(31, 20).Select(i => (long)i), tail.Select(t => t.Zxid));
            Assert.Equal(new RecoveryCompleted(50, 30, 20), done);
        }
    }

    [Fact]
    public async Task A_snapshot_of_tens_of_megabytes_is_saved_and_recovered()
    {
        using var dir = new TempDataDir();
        var data = new byte[40 * 1024 * 1024];
        new Random(7).NextBytes(data);
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1, 2]);
            run.Log.Tell(new SaveSnapshot(2, data), run.Client.Ref);
            await run.Client.ExpectMsgAsync<SnapshotSaved>(TimeSpan.FromSeconds(60));
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            var (snapshot, tail, _) = await run.RecoverAsync(TimeSpan.FromSeconds(60));
            Assert.True(data.AsSpan().SequenceEqual(snapshot!.Data));
            Assert.Empty(tail);
        }
    }

    [Fact]
    public async Task A_gzip_snapshot_recovers_byte_for_byte()
    {
        using var dir = new TempDataDir();
        var data = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("/zookeeper/quota ", 10_000)));
        using (var run = TxnLogTestRun.Start(dir.Sqlite(SnapshotCompression.Gzip), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1, 2, 3]);
            run.Log.Tell(new SaveSnapshot(3, data), run.Client.Ref);
            await run.Client.ExpectMsgAsync<SnapshotSaved>(TimeSpan.FromSeconds(20));
        }
        Assert.True(new FileInfo(dir.Sqlite().SnapshotPath).Length < data.Length / 2, "snapshot file should hold compressed data");
        using (var run = TxnLogTestRun.Start(dir.Sqlite(SnapshotCompression.None), output))
        {
            var (snapshot, tail, _) = await run.RecoverAsync();
            Assert.Equal(data, snapshot!.Data);
            Assert.Empty(tail);
        }
    }

    [Fact]
    public async Task A_snapshot_at_a_zxid_that_was_never_appended_is_rejected()
    {
        using var dir = new TempDataDir();
        using var run = TxnLogTestRun.Start(dir.Sqlite(), output);
        await run.RecoverAsync();
        await run.AppendAllAsync([1, 2]);
        run.Log.Tell(new SaveSnapshot(7, [1]), run.Client.Ref);
        var rejected = await run.Client.ExpectMsgAsync<SnapshotRejected>();
        Assert.Equal(7, rejected.LastZxid);
    }

    [Fact]
    public async Task A_snapshot_at_a_zxid_whose_append_is_still_being_written_is_saved_once_that_append_is_durable()
    {
        // an ensemble member applies a committed txn before its own append is durable, and may snapshot that tree
        using var dir = new TempDataDir();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1, 2]);
            run.Log.Tell(new Append(3, [3], "three"), run.Client.Ref);
            run.Log.Tell(new SaveSnapshot(3, [7, 7]), run.Client.Ref);
            var appended = await run.Client.ExpectMsgAsync<Appended>();
            Assert.Equal(3, appended.Zxid);
            var saved = await run.Client.ExpectMsgAsync<SnapshotSaved>();
            Assert.Equal(3, saved.LastZxid);
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            var (snapshot, tail, _) = await run.RecoverAsync();
            Assert.Equal(3, snapshot!.LastZxid);
            Assert.Equal([7, 7], snapshot.Data);
            Assert.Empty(tail);
        }
    }

    [Fact]
    public async Task An_append_whose_zxid_is_not_above_the_last_one_is_rejected_and_not_journaled()
    {
        using var dir = new TempDataDir();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([5]);
            run.Log.Tell(new Append(5, [9], "again"), run.Client.Ref);
            var rejected = await run.Client.ExpectMsgAsync<AppendRejected>();
            Assert.Equal("again", rejected.Context);
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            var (_, tail, _) = await run.RecoverAsync();
            Assert.Equal([5L], tail.Select(t => t.Zxid));
        }
    }

    [Fact]
    public async Task Purge_keeps_the_newest_snapshots_and_drops_the_journal_the_oldest_kept_one_covers()
    {
        using var dir = new TempDataDir();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            await run.RecoverAsync();
            for (var s = 1; s <= 4; s++)
            {
                await run.AppendAllAsync(Enumerable.Range(((s - 1) * 10) + 1, 10).Select(i => (long)i));
                run.Log.Tell(new SaveSnapshot(s * 10, [(byte)s]), run.Client.Ref);
                await run.Client.ExpectMsgAsync<SnapshotSaved>(TimeSpan.FromSeconds(20));
            }
            await run.AppendAllAsync(Enumerable.Range(41, 5).Select(i => (long)i));
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            // after a restart the actor still knows all four snapshots (their marks travel in the latest one)
            await run.RecoverAsync();
            run.Log.Tell(new Purge(2), run.Client.Ref);
            Assert.Equal(new Purged(2, 30), await run.Client.ExpectMsgAsync<Purged>(TimeSpan.FromSeconds(20)));
            run.Log.Tell(GetStats.Instance, run.Client.Ref);
            Assert.Equal(2, (await run.Client.ExpectMsgAsync<Stats>()).SnapshotsKept);
        }
        Assert.Equal([30L, 40L], SqliteRows.SnapshotSequenceNrs(dir.Sqlite()));
        var journal = SqliteRows.JournalSequenceNrs(dir.Sqlite(), includeDeleted: false);
        Assert.Equal(Enumerable.Range(31, 15).Select(i => (long)i), journal);
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            var (snapshot, tail, done) = await run.RecoverAsync();
            Assert.Equal(40, snapshot!.LastZxid);
            Assert.Equal(Enumerable.Range(41, 5).Select(i => (long)i), tail.Select(t => t.Zxid));
            Assert.Equal(45, done.LastZxid);
        }
    }

    [Fact]
    public async Task Truncate_discards_txns_above_the_zxid_so_recovery_never_replays_them()
    {
        using var dir = new TempDataDir();
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([Zxid(1, 1), Zxid(1, 2), Zxid(1, 3), Zxid(1, 4)]);
            run.Log.Tell(new Truncate(Zxid(1, 2), [42]), run.Client.Ref);
            Assert.Equal(new SnapshotSaved(Zxid(1, 2)), await run.Client.ExpectMsgAsync<SnapshotSaved>(TimeSpan.FromSeconds(20)));
            await run.AppendAllAsync([Zxid(2, 1)]);
        }
        using (var run = TxnLogTestRun.Start(dir.Sqlite(), output))
        {
            var (snapshot, tail, done) = await run.RecoverAsync();
            Assert.Equal(Zxid(1, 2), snapshot!.LastZxid);
            Assert.Equal([Zxid(2, 1)], tail.Select(t => t.Zxid));
            Assert.Equal(Zxid(2, 1), done.LastZxid);
        }
    }
}
