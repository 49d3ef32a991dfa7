using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkkaZk.Database;
using AkkaZk.QuorumPeer;
using AkkaZk.Sessions;
using Xunit;
using static AkkaZk.Sessions.SessionsProtocol;

namespace AkkaZk.Tests.Sessions;

/// <summary>
/// Sessions are the leader's: a learner confirms every reconnect with it (ZooKeeper's REVALIDATE) before the client
/// is answered, and a server synced with no serving leader answers no reconnect at all.
/// </summary>
public sealed class SessionRevalidationSpecs : TestKit
{
    private const long Known = 0x0100_0000_0000_0001L;
    private const long Other = 0x0100_0000_0000_0002L;
    private const int TickMs = 50;

    private readonly TestProbe _parent;
    private readonly TestProbe _dataTree;
    private readonly TestProbe _learner;
    private readonly TestProbe _connection;

    public SessionRevalidationSpecs()
    {
        _parent = CreateTestProbe("parent");
        _dataTree = CreateTestProbe("data-tree");
        _learner = CreateTestProbe("learner");
        _connection = CreateTestProbe("connection");
    }

    /// <summary>An ensemble member's tracker that recovered <paramref name="sessions"/> (id → timeout) with the database.</summary>
    private async Task<IActorRef> StartAsync(params (long Id, int TimeoutMs)[] sessions)
    {
        var settings = new SessionSettings(TickMs, 2 * TickMs, 20_000, ServerId: 2, Ensemble: true);
        var tracker = _parent.ChildActorOf(SessionTracker.Props(settings, _dataTree), ActorNames.Sessions);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetStats>();
        _dataTree.Reply(new DataTreeProtocol.Stats(0, 0, 0, 0, 0, 0, 0, 0, sessions.ToDictionary(s => s.Id, s => s.TimeoutMs)));
        await _parent.ExpectMsgAsync(new QuorumPeerProtocol.Ready(ActorNames.Sessions));
        return tracker;
    }

    private async Task<IActorRef> StartSyncedLearnerAsync(params (long Id, int TimeoutMs)[] sessions)
    {
        var tracker = await StartAsync(sessions);
        tracker.Tell(new SyncedLearner(_learner));
        return tracker;
    }

    private Attach Reconnect(long sessionId, int timeoutMs = 8000, byte[]? passwd = null) =>
        new(sessionId, passwd ?? SessionIds.Password(sessionId), timeoutMs, _connection);

    [Fact]
    public async Task A_learner_answers_a_reconnect_only_once_the_leader_confirmed_the_session()
    {
        var tracker = await StartSyncedLearnerAsync((Known, 10_000));

        tracker.Tell(Reconnect(Known));
        Assert.Equal(new RevalidateWithLeader(Known, 8000), await _learner.ExpectMsgAsync<RevalidateWithLeader>());
        await _connection.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        tracker.Tell(new Revalidated(Known, Valid: true));
        var attached = await _connection.ExpectMsgAsync<Attached>();
        Assert.Equal(Known, attached.SessionId);
        Assert.Equal(SessionIds.Password(Known), attached.Passwd);
        // finishSessionInit answers with the timeout negotiated for this connection, not the one the session began with
        Assert.Equal(8000, attached.TimeoutMs);
        Assert.False(attached.Created);
    }

    [Fact]
    public async Task A_session_the_leader_expired_is_expired_on_a_learner_that_still_holds_it()
    {
        var tracker = await StartSyncedLearnerAsync((Known, 10_000));

        tracker.Tell(Reconnect(Known));
        await _learner.ExpectMsgAsync<RevalidateWithLeader>();
        tracker.Tell(new Revalidated(Known, Valid: false));

        Assert.Equal(Known, (await _connection.ExpectMsgAsync<Rejected>()).SessionId);
    }

    [Fact]
    public async Task A_session_this_learner_has_not_applied_yet_is_attached_when_the_leader_holds_it_and_expired_when_not()
    {
        var tracker = await StartSyncedLearnerAsync();

        tracker.Tell(Reconnect(Known));
        tracker.Tell(Reconnect(Other));
        await _learner.ExpectMsgAsync(new RevalidateWithLeader(Known, 8000));
        await _learner.ExpectMsgAsync(new RevalidateWithLeader(Other, 8000));
        tracker.Tell(new Revalidated(Other, Valid: false));
        tracker.Tell(new Revalidated(Known, Valid: true));

        Assert.Equal(Other, (await _connection.ExpectMsgAsync<Rejected>()).SessionId);
        Assert.Equal(Known, (await _connection.ExpectMsgAsync<Attached>()).SessionId);
    }

    [Fact]
    public async Task The_newest_reconnect_of_a_session_takes_the_answer_and_an_older_one_still_waiting_is_closed()
    {
        var tracker = await StartSyncedLearnerAsync((Known, 10_000));
        var newer = CreateTestProbe("newer");

        tracker.Tell(Reconnect(Known));
        await _learner.ExpectMsgAsync<RevalidateWithLeader>();
        tracker.Tell(Reconnect(Known) with { Connection = newer });
        await _learner.ExpectMsgAsync<RevalidateWithLeader>();

        await _connection.ExpectMsgAsync<NotServing>();
        tracker.Tell(new Revalidated(Known, Valid: true));
        Assert.Equal(Known, (await newer.ExpectMsgAsync<Attached>()).SessionId);
        await _connection.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_asking_the_leader()
    {
        var tracker = await StartSyncedLearnerAsync((Known, 10_000));

        tracker.Tell(Reconnect(Known, passwd: new byte[16]));

        Assert.Equal("wrong password", (await _connection.ExpectMsgAsync<Rejected>()).Reason);
        await _learner.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_learner_not_synced_with_a_serving_leader_answers_no_reconnect()
    {
        var tracker = await StartAsync((Known, 10_000));

        tracker.Tell(Reconnect(Known));

        Assert.Equal(Known, (await _connection.ExpectMsgAsync<NotServing>()).SessionId);
    }

    [Fact]
    public async Task Reconnects_waiting_for_a_leader_that_is_gone_are_closed_without_an_answer()
    {
        var tracker = await StartSyncedLearnerAsync((Known, 10_000));
        tracker.Tell(Reconnect(Known));
        await _learner.ExpectMsgAsync<RevalidateWithLeader>();

        tracker.Tell(new SyncedLearner(null)); // the learner stopped: its leader died or it was cut off
        Assert.Equal(Known, (await _connection.ExpectMsgAsync<NotServing>()).SessionId);

        // a late answer from the old leader attaches nobody
        tracker.Tell(new Revalidated(Known, Valid: true));
        await _connection.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_leader_confirms_and_touches_a_session_it_holds_and_refuses_one_it_expired()
    {
        // both sessions would expire 300 ms after the leader takes over; the learner's client keeps one of them alive
        var tracker = await StartAsync((Known, 300), (Other, 300));
        tracker.Tell(new ExpireSessions(true));

        tracker.Tell(new ValidateForLearner(3, Known, 60_000));
        Assert.Equal(new ValidatedForLearner(3, Known, true), await ExpectMsgAsync<ValidatedForLearner>());
        Assert.Equal(new DataTreeProtocol.SetSessionOwner(Known, 3), await _dataTree.ExpectMsgAsync<DataTreeProtocol.SetSessionOwner>());

        Assert.Equal(Other, (await _dataTree.ExpectMsgAsync<DataTreeProtocol.CloseSession>(TimeSpan.FromSeconds(5))).SessionId);
        await _dataTree.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(4 * TickMs));
        tracker.Tell(new ValidateForLearner(3, Other, 8000));
        Assert.Equal(new ValidatedForLearner(3, Other, false), await ExpectMsgAsync<ValidatedForLearner>());
        tracker.Tell(new ValidateForLearner(3, 0x0300_0000_0000_0009L, 8000));
        Assert.False((await ExpectMsgAsync<ValidatedForLearner>()).Valid);
    }

    [Fact]
    public async Task A_server_that_is_not_leading_confirms_no_session_for_a_learner()
    {
        var tracker = await StartAsync((Known, 10_000));

        tracker.Tell(new ValidateForLearner(3, Known, 8000));

        Assert.False((await ExpectMsgAsync<ValidatedForLearner>()).Valid);
    }

    [Fact]
    public async Task The_leader_itself_validates_a_reconnect_locally_with_the_negotiated_timeout()
    {
        var tracker = await StartAsync((Known, 10_000));
        tracker.Tell(new ExpireSessions(true));

        tracker.Tell(Reconnect(Known, timeoutMs: 4000));
        Assert.Equal(4000, (await _connection.ExpectMsgAsync<Attached>()).TimeoutMs);
        tracker.Tell(Reconnect(Other));
        Assert.Equal(Other, (await _connection.ExpectMsgAsync<Rejected>()).SessionId);
        await _learner.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
