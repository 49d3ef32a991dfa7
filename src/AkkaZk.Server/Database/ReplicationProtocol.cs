using Akka.Actor;
using AkkaZk.Data;
using AkkaZk.Protocol;
using AkkaZk.Quorum;

namespace AkkaZk.Database;

/// <summary>
/// Between the data-tree actor and the Zab role of an ensemble member (leader or learner). The data tree prepares,
/// logs and applies; the role decides what is committed and talks to the other servers.
/// </summary>
public static class ReplicationProtocol
{
    /// <summary>Prepare txns in <paramref name="Epoch"/> and propose them through <paramref name="Leader"/>; not serving yet.</summary>
    public sealed record BecomeLeader(long Epoch, IActorRef Leader);

    /// <summary>Take proposals and commits from <paramref name="Learner"/> and forward client writes to it; not serving yet.</summary>
    public sealed record BecomeLearner(IActorRef Learner);

    /// <summary>The role is established (a quorum is synced): accept clients.</summary>
    public sealed class StartServing
    {
        public static readonly StartServing Instance = new();

        private StartServing()
        {
        }
    }

    /// <summary>
    /// Leave the role: close every client connection, wait for the txn log, apply every logged txn (the tree becomes
    /// what a restart would load), then answer <see cref="RoleStopped"/> with the last zxid for the next election.
    /// </summary>
    public sealed class StopRole
    {
        public static readonly StopRole Instance = new();

        private StopRole()
        {
        }
    }

    public sealed record RoleStopped(long LastZxid);

    // data tree → leader

    /// <summary>A txn was prepared: propose it.</summary>
    public sealed record Proposed(long Zxid, byte[] Txn);

    /// <summary>Everything up to <paramref name="Zxid"/> is durable in this server's log (the leader's own ACK, or a learner's).</summary>
    public sealed record Logged(long Zxid);

    /// <summary>Leader: what to send a learner whose last zxid is <paramref name="PeerLastZxid"/>; answered with <see cref="SyncPlanned"/>.</summary>
    public sealed record PlanSync(long Sid, long PeerLastZxid);

    /// <summary>
    /// DIFF with <paramref name="Txns"/> (committed, ascending) or a snapshot; the leader then forwards its proposals
    /// above <paramref name="ForwardFrom"/>.
    /// </summary>
    public sealed record SyncPlanned(long Sid, SyncMode Mode, IReadOnlyList<(long Zxid, byte[] Txn)> Txns, byte[]? Snapshot, long Zxid, long ForwardFrom);

    // leader → data tree

    /// <summary>Every proposal up to <paramref name="Zxid"/> has a quorum: apply them in order, logged here or not yet.</summary>
    public sealed record Committed(long Zxid);

    /// <summary>A learner's client write, to prepare here (the learner answers its client when it applies the txn).</summary>
    public sealed record ForwardedWrite(SessionContext Session, int Xid, OpCode Type, ZkRequest Request);

    /// <param name="Owner">the learner whose client asked: it owns the new session.</param>
    public sealed record ForwardedCreateSession(long SessionId, int TimeoutMs, long Owner);

    // learner → data tree

    /// <summary>A txn from the leader to log (and acknowledge through <see cref="Logged"/>).</summary>
    public sealed record Propose(long Zxid, byte[] Txn);

    /// <summary>Replace the tree with the leader's snapshot and make the log restart from it; answered with <see cref="SnapshotInstalled"/>.</summary>
    public sealed record InstallSnapshot(long Zxid, byte[] Data);

    public sealed record SnapshotInstalled(long Zxid);

    /// <summary>The leader answered sync <paramref name="Token"/>: reply to the client once <paramref name="Zxid"/> is applied.</summary>
    public sealed record SyncReached(long Token, long Zxid);

    // data tree → learner

    public sealed record ForwardWrite(SessionContext Session, int Xid, OpCode Type, ZkRequest Request);

    public sealed record ForwardCreateSession(long SessionId, int TimeoutMs);

    public sealed record ForwardSync(long Token);
}
