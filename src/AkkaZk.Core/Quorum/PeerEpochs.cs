namespace AkkaZk.Quorum;

/// <summary>
/// A server's persisted epochs (ZooKeeper's currentEpoch and acceptedEpoch files): acceptedEpoch is the newest
/// epoch it promised to (LEADERINFO), currentEpoch the newest it joined (NEWLEADER). Always current ≤ accepted.
/// </summary>
public sealed record PeerEpochs(long CurrentEpoch, long AcceptedEpoch)
{
    /// <summary>
    /// QuorumPeer.loadDataBase of ZooKeeper 3.8.0: a missing file takes the epoch of the last processed zxid (both
    /// files) and must then be written; a currentEpoch behind the log is repaired from a leftover
    /// <c>currentEpoch.tmp</c> (a crash mid-write) or is fatal; an acceptedEpoch behind currentEpoch is fatal.
    /// The messages are ZooKeeper's, epochs in bare hex and the zxid in decimal as it prints them.
    /// </summary>
    public static PeerEpochs Load(long? currentEpoch, long? acceptedEpoch, long lastProcessedZxid, long? currentEpochTmp = null)
    {
        var zxidEpoch = Zxid.Epoch(lastProcessedZxid);
        var current = currentEpoch ?? zxidEpoch;
        if (zxidEpoch > current)
        {
            current = currentEpochTmp
                ?? throw new InvalidDataException($"The current epoch, {current:x}, is older than the last zxid, {lastProcessedZxid}");
        }

        var accepted = acceptedEpoch ?? zxidEpoch;
        if (accepted < current)
            throw new InvalidDataException($"The accepted epoch, {accepted:x} is less than the current epoch, {current:x}");
        return new PeerEpochs(current, accepted);
    }

    /// <summary>
    /// Learner.registerWithLeader on LEADERINFO(newEpoch): a newer epoch is accepted (persist acceptedEpoch) and acked
    /// with my currentEpoch; the epoch I already accepted is acked with -1; an older one is an error.
    /// </summary>
    public LeaderInfoReply OnLeaderInfo(long newEpoch)
    {
        if (newEpoch > AcceptedEpoch)
            return new LeaderInfoReply(this with { AcceptedEpoch = newEpoch }, AckedCurrentEpoch: CurrentEpoch, MustPersist: true);
        if (newEpoch == AcceptedEpoch)
            return new LeaderInfoReply(this, AckedCurrentEpoch: -1, MustPersist: false);
        throw new InvalidOperationException($"Leaders epoch, {newEpoch} is less than accepted epoch, {AcceptedEpoch}");
    }

    /// <summary>A learner on NEWLEADER, or the leader after the epoch quorum: it now lives in <paramref name="epoch"/>.</summary>
    public PeerEpochs Join(long epoch) => this with { CurrentEpoch = epoch, AcceptedEpoch = Math.Max(AcceptedEpoch, epoch) };
}

/// <summary>The learner's answer to LEADERINFO: new epochs, the currentEpoch to put in ACKEPOCH, and whether acceptedEpoch must be written.</summary>
public sealed record LeaderInfoReply(PeerEpochs Epochs, long AckedCurrentEpoch, bool MustPersist);
