namespace AkkaZk.Data;

/// <summary>
/// The stored part of a Stat (ZooKeeper's StatPersisted): dataLength and numChildren are computed on read,
/// and ephemeralOwner keeps the container/TTL markers.
/// </summary>
public readonly record struct PersistedStat(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    long Pzxid)
{
    /// <summary>A new node's stat (DataTree.createStat): both zxids and times from its create txn, versions 0.</summary>
    public static PersistedStat ForCreate(long zxid, long time, long ephemeralOwner) =>
        new(zxid, zxid, time, time, 0, 0, 0, ephemeralOwner, zxid);

    /// <summary>
    /// The Stat a client sees (DataNode.copyStat). The stored cversion counts child creates only; clients see
    /// creates plus deletes, which ZooKeeper derives as stored*2 - numChildren (so a fresh "/" shows -1).
    /// </summary>
    public Stat ToClientStat(int dataLength, int numChildren, bool extendedTypesEnabled) =>
        new(Czxid, Mzxid, Ctime, Mtime, Version, unchecked((Cversion * 2) - numChildren), Aversion,
            Data.EphemeralOwner.ForClient(EphemeralOwner, extendedTypesEnabled), dataLength, numChildren, Pzxid);
}
