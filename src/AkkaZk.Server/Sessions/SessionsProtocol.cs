using Akka.Actor;

namespace AkkaZk.Sessions;

/// <summary>Messages of the session tracker (ZooKeeper's SessionTracker).</summary>
public static class SessionsProtocol
{
    /// <summary>
    /// A connection asks for a session: SessionId 0 creates one, otherwise it re-attaches with the password.
    /// The requested timeout is clamped into [minSessionTimeout, maxSessionTimeout].
    /// Answered with <see cref="Attached"/>, <see cref="Rejected"/> or, on an ensemble member serving neither as
    /// leader nor as synced learner, <see cref="NotServing"/>. A learner asks the leader first (<see cref="RevalidateWithLeader"/>).
    /// </summary>
    /// <param name="Local">a read-only server's session: known here only, never a txn, gone when its connection closes.</param>
    public sealed record Attach(long SessionId, byte[] Passwd, int RequestedTimeoutMs, IActorRef Connection, bool Local = false);

    /// <param name="TimeoutMs">the timeout negotiated for this connection (ZooKeeper answers a reconnect with it too).</param>
    public sealed record Attached(long SessionId, byte[] Passwd, int TimeoutMs, bool Created);

    /// <summary>Unknown, expired or wrong password: the client gets a zeroed ConnectResponse and sees Expired.</summary>
    public sealed record Rejected(long SessionId, string Reason);

    /// <summary>
    /// No answer to this connect request (ZooKeeper's "ZooKeeperServer not running"): this server is looking for a
    /// leader or syncing, its learner just lost the leader, or the client reconnected on another connection
    /// meanwhile. The connection closes without a ConnectResponse.
    /// </summary>
    public sealed record NotServing(long SessionId, string Reason);

    /// <summary>The session was used: pushes its expiry out by its timeout. Connections send it at most every tick/2.</summary>
    public sealed record Touch(long SessionId);

    /// <summary>The connection that held a session went away (the session lives on until it expires).</summary>
    public sealed record Detach(long SessionId, IActorRef Connection);

    /// <summary>The session ended (expired or closed): the holding connection must close.</summary>
    public sealed record SessionClosed(long SessionId);

    /// <summary>A session was closed by its client's closeSession request (already applied): forget it.</summary>
    public sealed record Closed(long SessionId);

    // ensemble: every server knows every session (they are txns); only the leader expires them

    /// <summary>A createSession txn was applied on this server (whichever server the client is on).</summary>
    public sealed record SessionApplied(long SessionId, int TimeoutMs);

    /// <summary>
    /// Data tree → sessions: a closeSession for this session was prepared (setSessionClosing): a reconnect, here or
    /// through a learner's REVALIDATE, is no longer valid.
    /// </summary>
    public sealed record SessionClosing(long SessionId);

    /// <summary>A closeSession txn was applied: the session is gone everywhere; a local holder must close.</summary>
    public sealed record SessionEnded(long SessionId);

    /// <summary>The tree was replaced by the leader's snapshot: these are now all the sessions.</summary>
    public sealed record SessionsReplaced(IReadOnlyDictionary<long, int> Sessions);

    /// <summary>The leader expires sessions; every other server must not. Enabling restarts every session's clock.</summary>
    public sealed record ExpireSessions(bool Enabled);

    /// <summary>
    /// This server's learner is synced with a serving leader (null: it no longer is). The sessions its clients use
    /// are reported to <paramref name="Learner"/> every tick (<see cref="TouchedSessions"/>), and a reconnect is
    /// confirmed through it with the leader (<see cref="RevalidateWithLeader"/>) before it is answered.
    /// </summary>
    public sealed record SyncedLearner(IActorRef? Learner);

    public sealed record TouchedSessions(long[] SessionIds);

    /// <summary>Sessions → learner: ask the leader whether this session is alive (Learner.validateSession); answered with <see cref="Revalidated"/>.</summary>
    public sealed record RevalidateWithLeader(long SessionId, int TimeoutMs);

    /// <summary>Learner → sessions: the leader's answer, for the newest reconnect waiting for this session.</summary>
    public sealed record Revalidated(long SessionId, bool Valid);

    /// <summary>
    /// Leader → sessions: learner <paramref name="Sid"/> has a client reconnecting with this session. A session the
    /// tracker holds is touched with <paramref name="TimeoutMs"/>; answered with <see cref="ValidatedForLearner"/>.
    /// </summary>
    public sealed record ValidateForLearner(long Sid, long SessionId, int TimeoutMs);

    public sealed record ValidatedForLearner(long Sid, long SessionId, bool Valid);
}
