using AkkaZk.Data;
using AkkaZk.Data.Txns;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

/// <summary>
/// The leader's checkSession(sessionId, owner): a write from a server that no longer owns its session fails with
/// SessionMoved, a closing session's with SessionExpired (PrepRequestProcessor, SessionTrackerImpl).
/// </summary>
public sealed class SessionOwnerTests
{
    private readonly ZkHarness _zk = new();

    private static SessionContext From(long owner) => ZkHarness.Ctx() with { Owner = owner };

    private Txn SetRoot(SessionContext ctx) => _zk.Prepare(OpCode.SetData, new SetDataRequest("/", [1], -1), ctx);

    [Fact]
    public void A_write_from_the_server_that_owns_the_session_is_prepared()
    {
        Assert.True(_zk.Db.SetOwner(ZkHarness.Session, 2));

        Assert.Equal(OpCode.SetData, SetRoot(From(2)).Header.Type);
    }

    [Fact]
    public void A_write_forwarded_by_a_server_the_session_moved_away_from_fails_with_SessionMoved()
    {
        _zk.Db.SetOwner(ZkHarness.Session, 2);
        _zk.Db.SetOwner(ZkHarness.Session, 3);

        Assert.Equal(new ErrorTxn(ErrorCode.SessionMoved), SetRoot(From(2)).Body);
        Assert.Equal(new ErrorTxn(ErrorCode.SessionMoved), SetRoot(From(SessionOwner.ThisServer)).Body);
        Assert.Equal(ErrorCode.SessionMoved, _zk.Db.CheckSession(From(2)));
    }

    [Fact]
    public void A_session_without_an_owner_is_owned_by_the_server_of_its_first_request()
    {
        _zk.Db.ClearOwners(); // as a new leader, which knows no owner yet

        Assert.Equal(OpCode.SetData, SetRoot(From(3)).Header.Type);

        Assert.Equal(new ErrorTxn(ErrorCode.SessionMoved), SetRoot(From(2)).Body);
    }

    [Fact]
    public void A_session_created_through_a_learner_is_owned_by_it()
    {
        const long created = 0x300;
        _zk.Db.Apply(_zk.Db.PrepareCreateSession(created, 0, 30000, _zk.NextZxid(), _zk.Time, owner: 2));

        Assert.Equal(ErrorCode.SessionMoved, _zk.Db.CheckSession(new SessionContext(created, []) { Owner = 3 }));
        Assert.Equal(ErrorCode.Ok, _zk.Db.CheckSession(new SessionContext(created, []) { Owner = 2 }));
    }

    [Fact]
    public void A_closing_session_fails_with_SessionExpired_and_takes_no_owner()
    {
        _zk.Db.PrepareCloseSession(ZkHarness.Session, 1, _zk.NextZxid(), _zk.Time);

        Assert.Equal(new ErrorTxn(ErrorCode.SessionExpired), SetRoot(From(2)).Body);
        Assert.False(_zk.Db.SetOwner(ZkHarness.Session, 2));
    }

    [Fact]
    public void Each_op_of_a_multi_from_a_server_the_session_moved_away_from_fails()
    {
        _zk.Db.SetOwner(ZkHarness.Session, 3);
        var multi = new MultiRequest([new MultiOp(OpCode.SetData, new SetDataRequest("/", [1], -1))]);

        var txn = (MultiTxn)_zk.Prepare(OpCode.Multi, multi, From(2)).Body!;

        Assert.Equal(new ErrorTxn(ErrorCode.SessionMoved), Assert.Single(txn.Txns).Body);
    }
}
