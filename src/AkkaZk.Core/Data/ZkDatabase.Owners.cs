using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>Who owns a session on the leader: the leader itself, or the sid of the learner whose clients hold it.</summary>
public static class SessionOwner
{
    /// <summary>A connection of this server (ZooKeeper's ServerCnxn.me).</summary>
    public const long ThisServer = -1;
}

/// <summary>
/// SessionTrackerImpl's owner: the server a session's client is connected to. A write (or a read or sync on the
/// leader) from any other server fails with SessionMoved, so a client that moved on cannot be stomped on by its old
/// connection (ZOOKEEPER-710). Known on the leader only, and only since it started leading.
/// </summary>
public sealed partial class ZkDatabase
{
    private readonly Dictionary<long, long> _owners = [];

    /// <summary>setOwner: a revalidated or created session is now owned by <paramref name="owner"/>; false when it is unknown or closing.</summary>
    public bool SetOwner(long sessionId, long owner)
    {
        if (!IsSessionValidForPrep(sessionId))
            return false;
        _owners[sessionId] = owner;
        return true;
    }

    /// <summary>A new leader knows no owner yet: the first request of each session sets it (checkSession).</summary>
    public void ClearOwners() => _owners.Clear();

    /// <summary>checkSession(sessionId, owner) without the throw, for the requests the leader answers itself.</summary>
    public ErrorCode CheckSession(SessionContext session)
    {
        try
        {
            CheckSessionForPrep(session);
            return ErrorCode.Ok;
        }
        catch (KeeperException e)
        {
            return e.Code;
        }
    }

    /// <summary>PrepRequestProcessor's checkSession: unknown or closing is SessionExpired; another server's session is SessionMoved.</summary>
    private void CheckSessionForPrep(SessionContext session)
    {
        var id = session.SessionId;
        if (!IsSessionValidForPrep(id))
            throw new KeeperException(ErrorCode.SessionExpired);
        if (!_owners.TryGetValue(id, out var owner))
            _owners[id] = session.Owner;
        else if (owner != session.Owner)
            throw new KeeperException(ErrorCode.SessionMoved);
    }
}
