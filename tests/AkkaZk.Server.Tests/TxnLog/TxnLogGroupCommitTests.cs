using Akka.Actor;
using AkkaZk.TxnLog;
using Xunit;
using Xunit.Abstractions;
using static AkkaZk.TxnLog.TxnLogProtocol;

namespace AkkaZk.Tests.TxnLog;

public sealed class TxnLogGroupCommitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Appends_queued_behind_a_write_go_to_the_journal_together_and_each_sender_sees_its_own_order()
    {
        using var dir = new TempDataDir();
        using var run = TxnLogTestRun.Start(dir.Sqlite(), output);
        // Sent before recovery ends, so all of them wait in the actor: no timing decides the grouping.
        var senders = Enumerable.Range(0, 8).Select(i => run.Kit.CreateTestProbe($"sender-{i}")).ToArray();
        for (var zxid = 1L; zxid <= 400; zxid++)
            run.Log.Tell(new Append(zxid, TxnLogTestRun.TxnBytes(zxid), zxid), senders[zxid % senders.Length].Ref);
        await run.RecoverAsync();

        foreach (var (probe, index) in senders.Select((p, i) => (p, i)))
        {
            var expected = Enumerable.Range(1, 400).Select(z => (long)z).Where(z => z % senders.Length == index).ToList();
            var got = new List<long>();
            foreach (var _ in expected)
                got.Add((await probe.ExpectMsgAsync<Appended>(TimeSpan.FromSeconds(20))).Zxid);
            Assert.Equal(expected, got);
        }
        run.Log.Tell(GetStats.Instance, run.Client.Ref);
        var stats = await run.Client.ExpectMsgAsync<Stats>();
        Assert.Equal(400, stats.Appends);
        // the first append finds the journal idle and goes alone; the 399 queued behind it go as one write
        Assert.Equal(2, stats.JournalWrites);
        Assert.Equal(399, stats.LargestWrite);
    }

    [Fact]
    public async Task Concurrent_appenders_share_journal_writes()
    {
        using var dir = new TempDataDir();
        using var run = TxnLogTestRun.Start(dir.Sqlite(), output);
        await run.RecoverAsync();
        var sequencer = new Sequencer(run.Log);
        const int appenders = 32;
        const int perAppender = 30;
        await Task.WhenAll(Enumerable.Range(0, appenders).Select(async _ =>
        {
            var last = 0L;
            for (var i = 0; i < perAppender; i++)
            {
                var appended = await sequencer.AppendAsync();
                Assert.True(appended.Zxid > last);
                last = appended.Zxid;
            }
        }));
        run.Log.Tell(GetStats.Instance, run.Client.Ref);
        var stats = await run.Client.ExpectMsgAsync<Stats>();
        output.WriteLine($"{stats.Appends} appends in {stats.JournalWrites} journal writes, largest {stats.LargestWrite}");
        Assert.Equal(appenders * perAppender, stats.Appends);
        // a closed loop of 32 appenders keeps ~31 appends queued behind every write
        Assert.True(stats.JournalWrites * 4 <= stats.Appends, $"{stats.JournalWrites} writes for {stats.Appends} appends");
    }

    /// <summary>Hands out zxids in the order the appends reach the actor, as the leader's prep step does.</summary>
    internal sealed class Sequencer(IActorRef log)
    {
        private readonly object _gate = new();
        private long _zxid;

        public Task<Appended> AppendAsync(int size = 200)
        {
            lock (_gate)
            {
                var zxid = ++_zxid;
                return log.Ask<Appended>(new Append(zxid, new byte[size]), TimeSpan.FromSeconds(30));
            }
        }
    }
}
