using Akka.Actor;
using AkkaZk.Data;
using AkkaZk.Protocol;

namespace AkkaZk.Database;

/// <summary>
/// Messages of the data-tree actor (ZooKeeper's ZKDatabase plus the standalone request pipeline:
/// prep → txn-log → apply → reply). Replies to one session come back in request order.
/// </summary>
public static class DataTreeProtocol
{
    /// <summary>
    /// A client request from a connection. Writes are prepared, journaled and applied; reads are answered from the
    /// tree once every earlier request of the same session has been applied. The answer is a <see cref="Reply"/> to ReplyTo.
    /// </summary>
    public sealed record Submit(SessionContext Session, int Xid, OpCode Type, ZkRequest Request, long WatcherId, IActorRef ReplyTo);

    /// <summary>The answer to a <see cref="Submit"/>: header fields and body, in the session's request order.</summary>
    public sealed record Reply(int Xid, OpCode Type, long Zxid, ErrorCode Err, ZkResponse? Response);

    /// <summary>A watch fired for a connection: written to the wire before any later reply of that connection.</summary>
    public sealed record Notify(WatcherEvent Event);

    /// <summary>Routes notifications for WatcherId to Connection until <see cref="UnregisterWatcher"/>.</summary>
    public sealed record RegisterWatcher(long WatcherId, IActorRef Connection);

    public sealed record UnregisterWatcher(long WatcherId);

    /// <summary>Asks for the last applied zxid (ReplyHeader.zxid of pings, connect checks); answered with <see cref="LastZxid"/>.</summary>
    public sealed record GetLastZxid
    {
        public static readonly GetLastZxid Instance = new();
    }

    /// <param name="Serving">false while an ensemble member is not serving clients (LOOKING, or still syncing).</param>
    /// <param name="ReadOnly">true while a server cut off from the quorum serves read-only clients (readonlymode.enabled).</param>
    public sealed record LastZxid(long Zxid, bool Serving = true, bool ReadOnly = false);

    /// <summary>Starts a session through a createSession txn; answered with <see cref="SessionCreated"/> once durable and applied.</summary>
    public sealed record CreateSession(long SessionId, int TimeoutMs, IActorRef ReplyTo);

    public sealed record SessionCreated(long SessionId, int TimeoutMs, long Zxid);

    /// <summary>Ends a session through a closeSession txn (expiry); its ephemerals go, their watches fire.</summary>
    public sealed record CloseSession(long SessionId);

    /// <summary>
    /// Sessions → data tree, on the leader: the session's client is now connected to <paramref name="Owner"/> (a
    /// learner's sid, or <see cref="Data.SessionOwner.ThisServer"/>), so requests from any other server fail with
    /// SessionMoved (setOwner). Sent before the reconnect is answered, so it precedes the client's next write.
    /// </summary>
    public sealed record SetSessionOwner(long SessionId, long Owner);

    /// <summary>Asks for figures the four-letter words and the admin server show; answered with <see cref="Stats"/>.</summary>
    public sealed record GetStats
    {
        public static readonly GetStats Instance = new();
    }

    public sealed record Stats(
        long LastZxid,
        int NodeCount,
        long ApproximateDataSize,
        int EphemeralsCount,
        int WatchCount,
        int WatchedPaths,
        int Watchers,
        int OutstandingRequests,
        IReadOnlyDictionary<long, int> Sessions);

    /// <summary>Text dumps for wchc / wchp / dump (ZooKeeper's formats), answered with <see cref="Text"/>.</summary>
    public sealed record GetText(string Command);

    public sealed record Text(string Value);
}
