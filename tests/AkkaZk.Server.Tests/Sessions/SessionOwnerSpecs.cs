using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkkaZk.Data;
using AkkaZk.Database;
using AkkaZk.QuorumPeer;
using AkkaZk.Sessions;
using Xunit;
using static AkkaZk.Sessions.SessionsProtocol;

namespace AkkaZk.Tests.Sessions;

/// <summary>
/// The leader's session tracker names each session's owner to the data tree (setOwner) before it answers a
/// reconnect, so the old server's writes fail with SessionMoved; a session whose closeSession is prepared is
/// revalidated by nobody.
/// </summary>
public sealed class SessionOwnerSpecs : TestKit
{
    private const long Known = 0x0100_0000_0000_0001L;
    private const int TickMs = 50;

    private readonly TestProbe _parent;
    private readonly TestProbe _dataTree;
    private readonly TestProbe _connection;

    public SessionOwnerSpecs()
    {
        _parent = CreateTestProbe("parent");
        _dataTree = CreateTestProbe("data-tree");
        _connection = CreateTestProbe("connection");
    }

    private async Task<IActorRef> StartLeaderAsync()
    {
        var settings = new SessionSettings(TickMs, 2 * TickMs, 20_000, ServerId: 1, Ensemble: true);
        var tracker = _parent.ChildActorOf(SessionTracker.Props(settings, _dataTree), ActorNames.Sessions);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetStats>();
        _dataTree.Reply(new DataTreeProtocol.Stats(0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<long, int> { [Known] = 10_000 }));
        await _parent.ExpectMsgAsync(new QuorumPeerProtocol.Ready(ActorNames.Sessions));
        tracker.Tell(new ExpireSessions(true));
        return tracker;
    }

    private Attach Reconnect(long sessionId) => new(sessionId, SessionIds.Password(sessionId), 8000, _connection);

    [Fact]
    public async Task A_learner_revalidating_a_session_becomes_its_owner_before_it_is_answered()
    {
        var tracker = await StartLeaderAsync();

        tracker.Tell(new ValidateForLearner(3, Known, 8000));

        Assert.Equal(new DataTreeProtocol.SetSessionOwner(Known, 3), await _dataTree.ExpectMsgAsync<DataTreeProtocol.SetSessionOwner>());
        Assert.True((await ExpectMsgAsync<ValidatedForLearner>()).Valid);
        // counted as revalidate_count by the connections' concern, which keeps mntr's figures
        var counted = await _parent.ExpectMsgAsync<QuorumPeerProtocol.Deliver>();
        Assert.Equal((ActorNames.Clients, (object)AkkaZk.Clients.ClientsProtocol.RevalidateReceived.Instance), (counted.Child, counted.Message));
    }

    [Fact]
    public async Task The_leader_owns_a_session_its_own_client_reconnected_with()
    {
        var tracker = await StartLeaderAsync();
        tracker.Tell(new ValidateForLearner(3, Known, 8000));
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.SetSessionOwner>();

        tracker.Tell(Reconnect(Known));

        Assert.Equal(new DataTreeProtocol.SetSessionOwner(Known, SessionOwner.ThisServer), await _dataTree.ExpectMsgAsync<DataTreeProtocol.SetSessionOwner>());
        await _connection.ExpectMsgAsync<Attached>();
    }

    [Fact]
    public async Task A_session_whose_closeSession_is_prepared_is_not_revalidated_here_or_for_a_learner()
    {
        var tracker = await StartLeaderAsync();

        tracker.Tell(new SessionClosing(Known));
        tracker.Tell(new ValidateForLearner(3, Known, 8000));
        Assert.False((await ExpectMsgAsync<ValidatedForLearner>()).Valid);
        tracker.Tell(Reconnect(Known));
        Assert.Equal(Known, (await _connection.ExpectMsgAsync<Rejected>()).SessionId);
        await _dataTree.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
