using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaZk.Data;
using AkkaZk.Database;
using AkkaZk.Protocol;
using AkkaZk.TxnLog;
using Xunit;
using static AkkaZk.Database.DataTreeProtocol;

namespace AkkaZk.Tests.Database;

public sealed class DataTreeActorSpec : TestKit
{
    private readonly Akka.TestKit.TestProbe _txnLog;
    private readonly IActorRef _tree;

    public DataTreeActorSpec() : base("akka.actor.serialize-messages = off")
    {
        _txnLog = CreateTestProbe();
        _tree = Sys.ActorOf(DataTreeActor.Props(DataTreeSettings.Default, _txnLog.Ref));
        _tree.Tell(new TxnLogProtocol.RecoveryCompleted(0, 0, 0));
    }

    /// <summary>Lets the txn log answer the next append: the write is then durable.</summary>
    private async Task<TxnLogProtocol.Append> JournalNextAsync()
    {
        var append = await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();
        _txnLog.Reply(new TxnLogProtocol.Appended(append.Zxid, append.Context));
        return append;
    }

    private async Task<SessionContext> OpenSessionAsync(long id)
    {
        _tree.Tell(new CreateSession(id, 10000, TestActor));
        await JournalNextAsync();
        await ExpectMsgAsync<SessionCreated>(s => s.SessionId == id);
        return new SessionContext(id, []);
    }

    [Fact]
    public async Task A_read_waits_for_the_sessions_earlier_write_and_then_sees_it()
    {
        var session = await OpenSessionAsync(1);
        _tree.Tell(new Submit(session, 1, OpCode.Create, new CreateRequest("/a", [7], Acl.OpenAclUnsafe, CreateMode.Persistent), 1, TestActor));
        var append = await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();
        _tree.Tell(new Submit(session, 2, OpCode.GetData, new GetDataRequest("/a", false), 1, TestActor));

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        _tree.Tell(new TxnLogProtocol.Appended(append.Zxid, append.Context), _txnLog.Ref);
        var created = await ExpectMsgAsync<Reply>();
        Assert.Equal((1, ErrorCode.Ok), (created.Xid, created.Err));
        var read = await ExpectMsgAsync<Reply>();
        Assert.Equal(2, read.Xid);
        Assert.Equal([7], ((GetDataResponse)read.Response!).Data);
    }

    [Fact]
    public async Task Another_sessions_read_is_answered_at_once_and_does_not_see_an_unjournaled_write()
    {
        var writer = await OpenSessionAsync(1);
        var reader = await OpenSessionAsync(2);
        _tree.Tell(new Submit(writer, 1, OpCode.Create, new CreateRequest("/b", [], Acl.OpenAclUnsafe, CreateMode.Persistent), 1, TestActor));
        await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();

        _tree.Tell(new Submit(reader, 1, OpCode.Exists, new ExistsRequest("/b", false), 2, TestActor));

        var answer = await ExpectMsgAsync<Reply>();
        Assert.Equal(ErrorCode.NoNode, answer.Err);
    }

    [Fact]
    public async Task A_write_is_answered_only_after_the_txn_log_made_it_durable_and_zxids_follow_each_other()
    {
        var session = await OpenSessionAsync(1);
        _tree.Tell(new Submit(session, 1, OpCode.Create, new CreateRequest("/c", [], Acl.OpenAclUnsafe, CreateMode.Persistent), 1, TestActor));
        _tree.Tell(new Submit(session, 2, OpCode.SetData, new SetDataRequest("/c", [1], -1), 1, TestActor));
        var first = await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();
        var second = await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();
        Assert.Equal(first.Zxid + 1, second.Zxid);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        _tree.Tell(new TxnLogProtocol.Appended(first.Zxid, first.Context), _txnLog.Ref);
        _tree.Tell(new TxnLogProtocol.Appended(second.Zxid, second.Context), _txnLog.Ref);

        Assert.Equal(first.Zxid, (await ExpectMsgAsync<Reply>()).Zxid);
        var set = await ExpectMsgAsync<Reply>();
        Assert.Equal(second.Zxid, set.Zxid);
        Assert.Equal(1, ((StatResponse)set.Response!).Stat.Version);
    }
}
