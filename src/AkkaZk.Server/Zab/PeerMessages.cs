using AkkaZk.Election;

namespace AkkaZk.Zab;

/// <summary>
/// Every message one server sends another over Akka.Remote (election notifications and Zab packets), serialized by
/// <see cref="PeerMessageSerializer"/>. Replies go to the Akka sender; a learner names itself by sid in what it sends.
/// </summary>
public interface IPeerMessage;

/// <summary>
/// A FastLeaderElection notification. <paramref name="Ensemble"/> is the sender's view of the server list
/// (<see cref="EnsembleView.Fingerprint"/>): a peer whose list differs is refused. <paramref name="Incarnation"/>
/// is the sender's ActorSystem UID: a new one at a known address is a restarted server.
/// </summary>
public sealed record ElectionNotification(Vote Vote, string Ensemble, int Incarnation) : IPeerMessage;

/// <summary>Learner → leader, first packet (FOLLOWERINFO / OBSERVERINFO).</summary>
public sealed record LearnerInfo(long Sid, long AcceptedEpoch, long LastZxid, bool Observer, string Ensemble) : IPeerMessage;

/// <summary>Leader → learner: the new epoch (LEADERINFO).</summary>
public sealed record LeaderInfo(long Epoch) : IPeerMessage;

/// <summary>Learner → leader: my current epoch and last logged zxid (ACKEPOCH).</summary>
public sealed record AckEpoch(long Sid, long CurrentEpoch, long LastZxid) : IPeerMessage;

/// <summary>Leader → learner: keep your log, the proposals that follow complete it (DIFF).</summary>
public sealed record SyncDiff(long Zxid) : IPeerMessage;

/// <summary>
/// Leader → learner: one chunk of a snapshot of the leader's tree at <paramref name="Zxid"/> (SNAP). Chunks keep
/// each remote message under Akka.Remote's frame size; the learner replaces its tree when the last one arrives.
/// </summary>
public sealed record SnapshotChunk(long Zxid, int Index, bool Last, byte[] Data) : IPeerMessage;

/// <summary>Leader → learner: a txn to log and acknowledge (PROPOSAL).</summary>
public sealed record Proposal(long Zxid, byte[] Txn) : IPeerMessage;

/// <summary>Leader → learner: every proposal up to <paramref name="Zxid"/> is committed (COMMIT, batched).</summary>
public sealed record Commit(long Zxid) : IPeerMessage;

/// <summary>Leader → observer: a committed txn (INFORM).</summary>
public sealed record Inform(long Zxid, byte[] Txn) : IPeerMessage;

/// <summary>Leader → learner: the sync is complete, adopt the epoch once everything above is logged (NEWLEADER).</summary>
public sealed record NewLeader(long Epoch, long Zxid) : IPeerMessage;

/// <summary>Learner → leader: everything up to <paramref name="Zxid"/> is durable (ACK; also the answer to NEWLEADER).</summary>
public sealed record Ack(long Sid, long Zxid) : IPeerMessage;

/// <summary>Leader → learner: a quorum is synced, start serving clients (UPTODATE).</summary>
public sealed record UpToDate(long Epoch) : IPeerMessage;

/// <summary>
/// Heartbeat both ways every tick (PING). From a learner it carries the sessions its clients used since the last
/// ping, so the leader, which expires sessions, sees them alive.
/// </summary>
public sealed record Ping(long Sid, long[] TouchedSessions) : IPeerMessage;

/// <summary>Learner → leader: a client write to prepare and propose (REQUEST). Request is the jute body.</summary>
public sealed record ForwardedRequest(long Sid, long SessionId, int Xid, int Type, byte[] Request, string[] AuthInfo) : IPeerMessage;

/// <summary>Learner → leader: start a session created by one of my clients (createSession REQUEST).</summary>
public sealed record ForwardedCreateSession(long Sid, long SessionId, int TimeoutMs) : IPeerMessage;

/// <summary>Learner → leader: a client's sync (SYNC); answered with <see cref="SyncDone"/> once everything proposed before it is committed.</summary>
public sealed record SyncRequest(long Sid, long Token) : IPeerMessage;

public sealed record SyncDone(long Token, long Zxid) : IPeerMessage;

/// <summary>
/// Learner → leader: a client reconnects here with this session (REVALIDATE). The leader touches it with
/// <paramref name="TimeoutMs"/> (the timeout negotiated for this connection) if its session tracker holds it.
/// </summary>
public sealed record Revalidate(long Sid, long SessionId, int TimeoutMs) : IPeerMessage;

/// <summary>Leader → learner: the answer to <see cref="Revalidate"/>; not valid when the leader holds no such session (expired, closed, unknown).</summary>
public sealed record RevalidateAnswer(long SessionId, bool Valid) : IPeerMessage;

/// <summary>For inspection (`akkazk cluster`, the admin "cluster" command): what state is this server in?</summary>
public sealed record PeerStateQuery(long Sid) : IPeerMessage;

/// <summary>Answer to <see cref="PeerStateQuery"/>: state, leader, epoch and last applied zxid of server <paramref name="Sid"/>.</summary>
public sealed record PeerStateReport(long Sid, ServerState State, long LeaderId, long Epoch, long LastZxid) : IPeerMessage;

/// <summary>Leader → learners: this leader stopped (stepped down); look for a leader now rather than after syncLimit.</summary>
public sealed record LeaderStopped(long Epoch) : IPeerMessage;

/// <summary>
/// Several messages for one server in one Akka.Remote message, in the order they were sent (see
/// <see cref="PeerOutbox"/>). The receiver handles them one after the other, as if each had come alone.
/// </summary>
public sealed record PeerBatch(IPeerMessage[] Messages) : IPeerMessage;
