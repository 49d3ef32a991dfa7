namespace AkkaZk.Quorum;

/// <summary>
/// A server's persisted epochs (ZooKeeper's currentEpoch and acceptedEpoch files): acceptedEpoch is the newest
/// epoch it promised to (LEADERINFO), currentEpoch the newest it joined (NEWLEADER). Always current ≤ accepted.
/// </summary>
public sealed record PeerEpochs(long CurrentEpoch, long AcceptedEpoch)
{
    /// <summary>
    /// QuorumPeer.loadDataBase: a missing file takes the epoch of the last processed zxid (current) or the current
    /// epoch (accepted) and must then be written; inconsistent files are fatal, as in ZooKeeper.
    /// </summary>
    public static PeerEpochs Load(long? currentEpoch, long? acceptedEpoch, long lastProcessedZxid)
    {
        var zxidEpoch = Zxid.Epoch(lastProcessedZxid);
        var current = currentEpoch ?? zxidEpoch;
        if (current < zxidEpoch)
            throw new InvalidDataException($"The current epoch, {Zxid.ToHex(current)}, is older than the last zxid, {Zxid.ToHex(lastProcessedZxid)}");
        var accepted = acceptedEpoch ?? current;
        if (accepted < current)
            throw new InvalidDataException($"The accepted epoch, {Zxid.ToHex(accepted)} is less than the current epoch, {Zxid.ToHex(current)}");
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
