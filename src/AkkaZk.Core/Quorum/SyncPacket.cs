namespace AkkaZk.Quorum;

/// <summary>The packets a leader queues to synchronise one learner, in order (LearnerHandler.syncFollower).</summary>
public abstract record SyncPacket(long Zxid);

/// <summary>DIFF: the learner keeps its log; the packet carries the leader's last committed zxid (or the peer's own, when equal).</summary>
public sealed record DiffPacket(long Zxid) : SyncPacket(Zxid);

/// <summary>TRUNC: the learner drops every txn after <see cref="SyncPacket.Zxid"/>.</summary>
public sealed record TruncPacket(long Zxid) : SyncPacket(Zxid);

/// <summary>A committed proposal from the leader's log, re-sent as PROPOSAL.</summary>
public sealed record ProposalPacket(long Zxid) : SyncPacket(Zxid);

/// <summary>The COMMIT that follows each re-sent proposal.</summary>
public sealed record CommitPacket(long Zxid) : SyncPacket(Zxid);
