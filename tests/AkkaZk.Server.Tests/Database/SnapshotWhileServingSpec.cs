using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaZk.Data;
using AkkaZk.Data.Snapshots;
using AkkaZk.Database;
using AkkaZk.Protocol;
using AkkaZk.TxnLog;
using Xunit;
using static AkkaZk.Database.DataTreeProtocol;

namespace AkkaZk.Tests.Database;

/// <summary>
/// A snapshot of a large tree is written in slices between the pipeline's messages: writes go on while it is written,
/// and the snapshot taken that way, plus the txns after its zxid, gives the tree back.
/// </summary>
public sealed class SnapshotWhileServingSpec() : TestKit("akka.actor.serialize-messages = off")
{
    private const int Znodes = 100_000;
    private const long SessionId = 0x42;

    [Fact]
    public async Task Writes_are_answered_while_a_snapshot_of_a_large_tree_is_written()
    {
        var (loaded, loadedZxid) = LargeTree();
        // One probe is both the txn log and every client: it sees the actor's messages in the order they were sent.
        var log = CreateTestProbe();
        var tree = Sys.ActorOf(DataTreeActor.Props(DataTreeSettings.Default with { SnapCount = 2 }, log.Ref));
        tree.Tell(new TxnLogProtocol.RecoveredSnapshot(new TreeSnapshot(loadedZxid, SnapshotCodec.Write(loaded))));
        tree.Tell(new TxnLogProtocol.RecoveryCompleted(loadedZxid, loadedZxid, 0));
        tree.Tell(new CreateSession(SessionId, 10_000, log.Ref));
        var appends = new List<TxnLogProtocol.Append>();
        var session = new SessionContext(SessionId, []);
        var answeredWhileWriting = 0;
        TxnLogProtocol.SaveSnapshot? saved = null;
        for (var xid = 1; saved is null && xid < 20_000;)
        {
            var message = await log.ReceiveOneAsync(TimeSpan.FromSeconds(10));
            switch (message)
            {
                case TxnLogProtocol.Append append:
                    appends.Add(append);
                    tree.Tell(new TxnLogProtocol.Appended(append.Zxid, append.Context), log.Ref);
                    break;
                case SessionCreated or Reply:
                    if (message is Reply reply && appends.Count > 2 && reply.Zxid > appends[1].Zxid)
                        answeredWhileWriting++; // applied after the snapshot began (at the latest after the second txn)
                    tree.Tell(new Submit(session, xid, OpCode.SetData, new SetDataRequest("/big/n0", BitConverter.GetBytes(xid), -1), 1, log.Ref));
                    xid++;
                    break;
                case TxnLogProtocol.SaveSnapshot save:
                    saved = save;
                    break;
            }
        }

        Assert.NotNull(saved);
        Assert.True(answeredWhileWriting > 0, "no write was answered while the snapshot was being written");
        var restored = SnapshotCodec.Read(saved.Data, new DatabaseOptions());
        Assert.Equal(saved.LastZxid, restored.LastProcessedZxid);
        Assert.True(appends.Count(a => a.Zxid > saved.LastZxid) >= answeredWhileWriting);
        foreach (var append in appends.Where(a => a.Zxid > saved.LastZxid))
            restored.Apply(TxnBytes.Decode(append.Txn));
        var lastSet = TxnBytes.Decode(appends[^1].Txn);
        var node = restored.Tree.GetNode("/big/n0")!;
        Assert.Equal(((Data.Txns.SetDataTxn)lastSet.Body!).Data, node.Data);
        Assert.Equal(appends.Count - 1, node.Stat.Version); // every set but the session's txn
        Assert.Equal(loaded.Tree.NodeCount, restored.Tree.NodeCount);
    }

    /// <summary>A database with <see cref="Znodes"/> children under /big, as a recovered snapshot would hold it.</summary>
    private static (ZkDatabase Db, long Zxid) LargeTree()
    {
        var db = new ZkDatabase(new DatabaseOptions());
        var zxid = 0L;
        var ctx = new SessionContext(1, []);
        db.Apply(db.PrepareCreateSession(1, 0, 30_000, ++zxid, 0));
        db.Apply(db.Prepare(ctx, 1, OpCode.Create, new CreateRequest("/big", [], Acl.OpenAclUnsafe, CreateMode.Persistent), ++zxid, 0));
        var data = new byte[100];
        for (var i = 0; i < Znodes; i++)
            db.Apply(db.Prepare(ctx, i + 2, OpCode.Create, new CreateRequest($"/big/n{i}", data, Acl.OpenAclUnsafe, CreateMode.Persistent), ++zxid, 0));
        db.Apply(db.PrepareCloseSession(1, 0, ++zxid, 0));
        return (db, zxid);
    }
}
