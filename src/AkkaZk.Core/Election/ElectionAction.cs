namespace AkkaZk.Election;

/// <summary>What the election actor must do after the round took an input.</summary>
public abstract record ElectionAction;

/// <summary>Send this vote to every voter, this server included (ZooKeeper delivers a server's own vote to itself).</summary>
public sealed record BroadcastVote(Vote Vote) : ElectionAction;

/// <summary>Answer one server with my current vote (WorkerReceiver's reply to a LOOKING peer in an older round).</summary>
public sealed record SendVote(long To, Vote Vote) : ElectionAction;

/// <summary>
/// A quorum agrees with my proposal: (re)start the finalize timer and call
/// <see cref="ElectionRound.FinalizeWaitElapsed"/> unless a better vote arrives first.
/// </summary>
public sealed record StartFinalizeWait(TimeSpan Wait) : ElectionAction;

/// <summary>The election is over: become <paramref name="NewState"/> behind <paramref name="Vote"/>'s leader.</summary>
public sealed record ElectionDecided(Vote Vote, ServerState NewState) : ElectionAction;
