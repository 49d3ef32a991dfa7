using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <param name="JuteMaxBuffer">jute.maxbuffer (kept for the server's frame checks; ZooKeeper's prep does not check data size).</param>
/// <param name="SuperDigest">zookeeper.DigestAuthenticationProvider.superDigest, "super:base64hash".</param>
/// <param name="ExtendedTypesEnabled">zookeeper.extendedTypesEnabled: TTL nodes.</param>
/// <param name="SkipAcl">zookeeper.skipACL=yes.</param>
/// <param name="ServerId">myid.</param>
/// <param name="ReconfigEnabled">reconfigEnabled: without it a reconfig request is refused with ReconfigDisabled.</param>
public sealed record DatabaseOptions(int JuteMaxBuffer = 0xfffff, string? SuperDigest = null, bool ExtendedTypesEnabled = false, bool SkipAcl = false,
    int ServerId = 0, bool ReconfigEnabled = false);

/// <summary>Who is asking: the session and its auth ids (added by auth packets; "ip" id from the remote address).</summary>
public sealed record SessionContext(long SessionId, IReadOnlyList<Id> AuthInfo)
{
    /// <summary>The server whose connection sent the request (<see cref="SessionOwner"/>): the leader checks it against the session's owner.</summary>
    public long Owner { get; init; } = SessionOwner.ThisServer;

    public static SessionContext Anonymous(long sessionId) => new(sessionId, []);
}

/// <summary>
/// The outcome of applying one committed txn: the reply for the requesting session (Response is null when Err is
/// not Ok; header-only replies carry <see cref="EmptyResponse"/>) and the watch notifications to deliver.
/// </summary>
public sealed record ApplyResult(long Zxid, ErrorCode Err, ZkResponse? Response, IReadOnlyList<WatchNotification> Notifications);

/// <summary>A read's reply (Response null when Err is not Ok) plus any events to send at once (setWatches catch-up).</summary>
public sealed record ReadResult(ErrorCode Err, ZkResponse? Response, IReadOnlyList<WatchNotification> Notifications);

/// <summary>One event for one watcher (connection).</summary>
public readonly record struct WatchNotification(long WatcherId, WatcherEvent Event);
