using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaZk.Data;
using AkkaZk.Database;
using AkkaZk.Protocol;
using AkkaZk.Quorum;
using AkkaZk.TxnLog;
using Xunit;
using static AkkaZk.Database.DataTreeProtocol;
using static AkkaZk.Database.ReplicationProtocol;

namespace AkkaZk.Tests.Database;

/// <summary>
/// A learner's data tree, with a probe as its txn log and one as its Zab role: a committed txn is applied as soon as
/// the COMMIT arrives, even while this server's own append of it is still being written (FollowerZooKeeperServer.commit
/// does not wait for the local fsync either: a quorum holds the txn), but it is acknowledged only once logged here;
/// a read that arrives while a proposal is not yet committed waits for it.
/// </summary>
public sealed class LearnerCommitSpec : TestKit
{
    private static readonly long FirstZxid = Zxid.Make(1, 2);
    private readonly Akka.TestKit.TestProbe _txnLog;
    private readonly Akka.TestKit.TestProbe _role;
    private readonly IActorRef _tree;

    public LearnerCommitSpec() : base("akka.actor.serialize-messages = off")
    {
        _txnLog = CreateTestProbe();
        _role = CreateTestProbe();
        _tree = Sys.ActorOf(DataTreeActor.Props(DataTreeSettings.Default with { Ensemble = true }, _txnLog.Ref));
        _tree.Tell(new TxnLogProtocol.RecoveryCompleted(0, 0, 0));
        _tree.Tell(new BecomeLearner(_role.Ref));
        _tree.Tell(StartServing.Instance);
    }

    /// <summary>The leader's proposal of a create of <paramref name="path"/>, as its txn bytes.</summary>
    private static byte[] CreateTxn(string path, long zxid)
    {
        var leader = new ZkDatabase(new DatabaseOptions());
        leader.Apply(leader.PrepareCreateSession(0x77, 0, 10_000, zxid - 1, 1_000));
        var txn = leader.Prepare(new SessionContext(0x77, []), 1, OpCode.Create,
            new CreateRequest(path, [1], Acl.OpenAclUnsafe, CreateMode.Persistent), zxid, 1_000);
        Assert.Equal(OpCode.Create, txn.Header.Type);
        return TxnBytes.Encode(txn);
    }

    private async Task<ErrorCode> ExistsAsync(string path)
    {
        _tree.Tell(new Submit(new SessionContext(0x99, []), 1, OpCode.Exists, new ExistsRequest(path, false), 9, TestActor));
        return (await ExpectMsgAsync<Reply>()).Err;
    }

    [Fact]
    public async Task A_committed_txn_is_applied_before_its_own_append_is_durable_and_acknowledged_only_after()
    {
        _tree.Tell(new Propose(FirstZxid, CreateTxn("/a", FirstZxid)));
        var append = await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();

        _tree.Tell(new Committed(FirstZxid));

        Assert.Equal(ErrorCode.Ok, await ExistsAsync("/a"));
        await _role.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        _tree.Tell(new TxnLogProtocol.Appended(append.Zxid, append.Context), _txnLog.Ref);
        Assert.Equal(FirstZxid, (await _role.ExpectMsgAsync<Logged>()).Zxid);
    }

    [Fact]
    public async Task A_read_that_arrives_while_a_proposal_is_uncommitted_is_answered_once_it_is_applied()
    {
        _tree.Tell(new Propose(FirstZxid, CreateTxn("/c", FirstZxid)));
        await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();
        _tree.Tell(new Submit(new SessionContext(0x99, []), 1, OpCode.Exists, new ExistsRequest("/c", false), 9, TestActor));
        // a later read of the same session stays behind it
        _tree.Tell(new Submit(new SessionContext(0x99, []), 2, OpCode.Exists, new ExistsRequest("/c", false), 9, TestActor));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        _tree.Tell(new Committed(FirstZxid));

        var first = await ExpectMsgAsync<Reply>();
        var second = await ExpectMsgAsync<Reply>();
        Assert.Equal((1, ErrorCode.Ok, FirstZxid), (first.Xid, first.Err, first.Zxid));
        Assert.Equal((2, ErrorCode.Ok), (second.Xid, second.Err));
    }

    [Fact]
    public async Task Leaving_the_role_waits_for_the_append_of_a_txn_applied_before_it_was_logged()
    {
        _tree.Tell(new Propose(FirstZxid, CreateTxn("/b", FirstZxid)));
        var append = await _txnLog.ExpectMsgAsync<TxnLogProtocol.Append>();
        _tree.Tell(new Committed(FirstZxid));
        Assert.Equal(ErrorCode.Ok, await ExistsAsync("/b"));

        _tree.Tell(StopRole.Instance);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        _tree.Tell(new TxnLogProtocol.Appended(append.Zxid, append.Context), _txnLog.Ref);

        Assert.Equal(FirstZxid, (await ExpectMsgAsync<RoleStopped>()).LastZxid);
    }
}
