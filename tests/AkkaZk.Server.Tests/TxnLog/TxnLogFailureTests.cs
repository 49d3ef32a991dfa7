using AkkaZk.TxnLog;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.TxnLog;

public sealed class TxnLogFailureTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_corrupt_sqlite_file_stops_the_actor_with_an_error_instead_of_an_empty_start(bool corruptJournal)
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync([1, 2, 3]);
            run.Log.Tell(new TxnLogProtocol.SaveSnapshot(2, [1, 2]), run.Client.Ref);
            await run.Client.ExpectMsgAsync<TxnLogProtocol.SnapshotSaved>(TimeSpan.FromSeconds(20));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var victim = corruptJournal ? settings.JournalPath : settings.SnapshotPath;
        Corrupt(victim);

        using var next = TxnLogTestRun.Start(settings, output, prepare: false);
        var watcher = next.Kit.CreateTestProbe();
        watcher.Watch(next.Log);
        // the Error is logged (in PreStart, so the run's Errors probe, subscribed before the actor started, holds it)
        // and the actor stops; the listener never hears RecoveryCompleted
        await watcher.ExpectTerminatedAsync(next.Log, TimeSpan.FromSeconds(30));
        await next.Errors.FishForMessageAsync<Akka.Event.Error>(
            e => e.Message?.ToString()?.Contains("cannot be opened as a database", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(await Drain(next.Listener), m => m is TxnLogProtocol.RecoveryCompleted);
    }

    [Fact]
    public async Task Damage_inside_the_journal_file_fails_recovery_with_an_error_instead_of_an_empty_start()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        using (var run = TxnLogTestRun.Start(settings, output))
        {
            await run.RecoverAsync();
            await run.AppendAllAsync(Enumerable.Range(1, 2000).Select(i => (long)i));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Checkpoint(settings.JournalPath);
        var bytes = File.ReadAllBytes(settings.JournalPath);
        Assert.True(bytes.Length > 64 * 1024, $"journal should span many pages, has {bytes.Length} bytes");
        // the second half holds journal rows only (the schema pages come first), whatever the page size
        for (var i = bytes.Length / 2; i < bytes.Length; i++)
            bytes[i] = (byte)(bytes[i] ^ 0x5a);
        File.WriteAllBytes(settings.JournalPath, bytes);

        using var next = TxnLogTestRun.Start(settings, output, prepare: false);
        var watcher = next.Kit.CreateTestProbe();
        watcher.Watch(next.Log);
        await next.Kit.EventFilter.Error(contains: "recovery failed").ExpectAsync(1, async () =>
            await watcher.ExpectTerminatedAsync(next.Log, TimeSpan.FromSeconds(40)), TimeSpan.FromSeconds(40));
        Assert.DoesNotContain(await Drain(next.Listener), m => m is TxnLogProtocol.RecoveryCompleted);
    }

    [Fact]
    public async Task A_failed_journal_write_stops_the_actor_with_an_error_and_never_acknowledges_the_append()
    {
        using var dir = new TempDataDir();
        var settings = dir.Sqlite();
        using var run = TxnLogTestRun.Start(settings, output);
        await run.RecoverAsync();
        await run.AppendAllAsync([1]);
        // pull the table out from under the plugin: the next insert fails
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={settings.JournalPath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TABLE journal;";
            cmd.ExecuteNonQuery();
        }
        var watcher = run.Kit.CreateTestProbe();
        watcher.Watch(run.Log);
        await run.Kit.EventFilter.Error(contains: "journal write failed").ExpectAsync(1, async () =>
        {
            run.Log.Tell(new TxnLogProtocol.Append(2, [2], "lost"), run.Client.Ref);
            await watcher.ExpectTerminatedAsync(run.Log, TimeSpan.FromSeconds(30));
        }, TimeSpan.FromSeconds(30));
        await run.Client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>Moves the WAL into the main file so the damage lands on committed pages.</summary>
    private static void Checkpoint(string path)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        cmd.ExecuteNonQuery();
    }

    private static void Corrupt(string path)
    {
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(bytes[i] ^ 0x5a);
        File.WriteAllBytes(path, bytes);
    }

    private static async Task<List<object>> Drain(Akka.TestKit.TestProbe probe)
    {
        var messages = new List<object>();
        while (await probe.ReceiveOneAsync(TimeSpan.FromMilliseconds(200)) is { } m)
            messages.Add(m);
        return messages;
    }
}
