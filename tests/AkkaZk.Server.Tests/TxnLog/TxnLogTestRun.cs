using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using AkkaZk.TxnLog;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;
using static AkkaZk.TxnLog.TxnLogProtocol;

namespace AkkaZk.Tests.TxnLog;

/// <summary>A unique data dir and persistence id for one test.</summary>
internal sealed class TempDataDir : IDisposable
{
    public TempDataDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "akkazk-txnlog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
    public string PersistenceId { get; } = "txn-log-" + Guid.NewGuid().ToString("N")[..12];

    public TxnLogSettings Sqlite(SnapshotCompression compression = SnapshotCompression.None, int chunk = 1000,
        GroupCommit groupCommit = GroupCommit.Batched, SqliteWriter writer = SqliteWriter.Direct) =>
        new(System.IO.Path.Combine(Path, "data"), System.IO.Path.Combine(Path, "log"), snapshotCompression: compression,
            persistenceId: PersistenceId, recoveryChunkSize: chunk, groupCommit: groupCommit, sqliteWriter: writer);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One ActorSystem life of a node's txn log: start, recover, talk to it, shut down ("restart" = a new run).</summary>
internal sealed class TxnLogTestRun : IDisposable
{
    private readonly Akka.TestKit.Xunit2.TestKit _kit;

    private TxnLogTestRun(TxnLogSettings settings, ITestOutputHelper? output, bool prepare)
    {
        if (prepare)
            SqliteDurability.Prepare(settings);
        var config = ConfigurationFactory.ParseString("akka.loglevel = INFO")
            .WithFallback(settings.ToAkkaConfig());
        _kit = new Akka.TestKit.Xunit2.TestKit(config, "txnlog", output);
        Listener = _kit.CreateTestProbe("listener");
        Client = _kit.CreateTestProbe("client");
        // subscribed before the actor exists: it may log its Error in PreStart, before a test could arm a filter
        Errors = _kit.CreateTestProbe("errors");
        Sys.EventStream.Subscribe(Errors.Ref, typeof(Akka.Event.Error));
        Log = Sys.ActorOf(TxnLogProtocol.Props(settings, Listener.Ref), "txn-log");
    }

    public ActorSystem Sys => _kit.Sys;
    public Akka.TestKit.Xunit2.TestKit Kit => _kit;
    public TestProbe Listener { get; }
    public TestProbe Client { get; }

    /// <summary>Every Error logged in this run, from the txn log's start on.</summary>
    public TestProbe Errors { get; }
    public IActorRef Log { get; }

    public static TxnLogTestRun Start(TxnLogSettings settings, ITestOutputHelper? output = null, bool prepare = true) =>
        new(settings, output, prepare);

    /// <summary>Collects what recovery sent the listener.</summary>
    public async Task<(TreeSnapshot? Snapshot, List<TxnLogged> Tail, RecoveryCompleted Completed)> RecoverAsync(TimeSpan? timeout = null)
    {
        TreeSnapshot? snapshot = null;
        var tail = new List<TxnLogged>();
        var wait = timeout ?? TimeSpan.FromSeconds(20);
        while (true)
        {
            var message = await Listener.ReceiveOneAsync(wait);
            switch (message)
            {
                case RecoveredSnapshot s:
                    Assert.Null(snapshot);
                    Assert.Empty(tail);
                    snapshot = s.Snapshot;
                    break;
                case RecoveryChunk chunk:
                    tail.AddRange(chunk.Txns);
                    break;
                case RecoveryCompleted done:
                    return (snapshot, tail, done);
                case null:
                    throw new TimeoutException("txn log did not finish recovery");
                default:
                    throw new InvalidOperationException($"unexpected message to listener: {message}");
            }
        }
    }

    public async Task AppendAllAsync(IEnumerable<long> zxids)
    {
        var expected = new List<long>();
        foreach (var zxid in zxids)
        {
            Log.Tell(new Append(zxid, TxnBytes(zxid), zxid), Client.Ref);
            expected.Add(zxid);
        }
        foreach (var zxid in expected)
        {
            var appended = await Client.ExpectMsgAsync<Appended>(TimeSpan.FromSeconds(20));
            Assert.Equal(zxid, appended.Zxid);
            Assert.Equal(zxid, appended.Context);
        }
    }

    /// <summary>A recognisable txn payload per zxid.</summary>
    public static byte[] TxnBytes(long zxid) => System.Text.Encoding.ASCII.GetBytes($"txn-{zxid:x}-payload");

    public void Dispose() => _kit.Shutdown();
}
