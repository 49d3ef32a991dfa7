namespace AkkaZk.Quorum;

public enum SyncMode
{
    /// <summary>DIFF, then the missing committed proposals (possibly none).</summary>
    Diff,

    /// <summary>TRUNC only: the learner is ahead of the leader's committed log.</summary>
    Trunc,

    /// <summary>TRUNC to the last zxid both share, then the leader's proposals after it.</summary>
    TruncDiff,

    /// <summary>A full snapshot of the leader's data tree.</summary>
    Snap,
}

/// <summary>
/// What the leader knows when a learner asks to sync. <see cref="CommittedLog"/> is the in-memory committedLog
/// (ascending zxids, possibly empty); <see cref="TxnLog"/> is what ZKDatabase.getProposalsFromTxnLog(peerLastZxid,
/// sizeLimit) yields: ascending zxids from the on-disk log starting at or before the peer's zxid, or empty when the
/// log cannot serve it (too large, starts after it, or txn-log sync disabled).
/// </summary>
public sealed record SyncInput(
    long PeerLastZxid,
    long LastProcessedZxid,
    IReadOnlyList<long> CommittedLog,
    IReadOnlyList<long>? TxnLog = null,
    bool ForceSnapSync = false);

/// <summary>
/// The plan: <see cref="Packets"/> to queue before NEWLEADER (a snapshot is sent instead when
/// <see cref="Mode"/> is Snap), and <see cref="ForwardFrom"/>, the zxid from which the leader starts forwarding
/// live proposals (LearnerMaster.startForwarding).
/// </summary>
public sealed record SyncPlan(SyncMode Mode, IReadOnlyList<SyncPacket> Packets, long ForwardFrom)
{
    public IEnumerable<long> ProposalZxids => Packets.OfType<ProposalPacket>().Select(p => p.Zxid);
}

/// <summary>LearnerHandler.syncFollower and queueCommittedProposals of ZooKeeper 3.8, as a pure function.</summary>
public static class SyncDecision
{
    public static SyncPlan Decide(SyncInput input)
    {
        var peer = input.PeerLastZxid;
        var peerIsNewEpoch = Zxid.IsNewEpoch(peer);
        var committed = input.CommittedLog;
        var (min, max) = committed.Count == 0
            ? (input.LastProcessedZxid, input.LastProcessedZxid)
            : (committed[0], committed[^1]);

        var queue = new Queue();
        var needSnap = true;
        var current = peer;

        if (input.ForceSnapSync)
        {
            // Snapshot by request (a test hook in ZooKeeper).
        }
        else if (input.LastProcessedZxid == peer)
        {
            queue.Add(new DiffPacket(peer));
            queue.NeedOpPacket = false;
            needSnap = false;
        }
        else if (peer > max && !peerIsNewEpoch)
        {
            queue.Add(new TruncPacket(max));
            queue.NeedOpPacket = false;
            current = max;
            needSnap = false;
        }
        else if (max >= peer && min <= peer)
        {
            current = queue.QueueCommitted(committed, peer, maxZxid: null, lastCommitted: max);
            needSnap = false;
        }
        else if (peer < min && input.TxnLog is { Count: > 0 } txnLog)
        {
            current = queue.QueueCommitted(txnLog, peer, maxZxid: min, lastCommitted: max);
            if (current < min)
            {
                // The txn log could not bridge to the committed log: fall back to a snapshot.
                queue.Packets.Clear();
                queue.NeedOpPacket = true;
            }
            else
            {
                current = queue.QueueCommitted(committed, current, maxZxid: null, lastCommitted: max);
                needSnap = false;
            }
        }

        // Forwarding starts where the sync ends, decided before ZooKeeper's safety net below.
        var forwardFrom = needSnap ? input.LastProcessedZxid : current;

        // ZooKeeper's safety net: no DIFF/TRUNC chosen means a snapshot.
        if (needSnap || queue.NeedOpPacket)
            return new SyncPlan(SyncMode.Snap, [], forwardFrom);

        var mode = queue.Packets[0] is TruncPacket
            ? queue.Packets.Count > 1 ? SyncMode.TruncDiff : SyncMode.Trunc
            : SyncMode.Diff;
        return new SyncPlan(mode, queue.Packets.ToArray(), forwardFrom);
    }

    /// <summary>The packets queued so far and whether the first DIFF/TRUNC is still to be chosen.</summary>
    private sealed class Queue
    {
        public List<SyncPacket> Packets { get; } = [];
        public bool NeedOpPacket { get; set; } = true;

        public void Add(SyncPacket packet) => Packets.Add(packet);

        /// <summary>queueCommittedProposals: returns the last zxid queued (or <paramref name="from"/>).</summary>
        public long QueueCommitted(IReadOnlyList<long> log, long from, long? maxZxid, long lastCommitted)
        {
            var fromIsNewEpoch = Zxid.IsNewEpoch(from);
            var queued = from;
            long previous = -1;
            foreach (var zxid in log)
            {
                if (maxZxid is { } limit && zxid > limit)
                    break;

                if (zxid < from)
                {
                    previous = zxid;
                    continue;
                }

                if (NeedOpPacket)
                {
                    if (zxid == from)
                    {
                        // The peer's last zxid is in our history: it only misses what follows.
                        Add(new DiffPacket(lastCommitted));
                        NeedOpPacket = false;
                        continue;
                    }

                    if (fromIsNewEpoch)
                    {
                        Add(new DiffPacket(lastCommitted));
                        NeedOpPacket = false;
                    }
                    else if (zxid > from)
                    {
                        // The peer has txns we never saw (it may have led). A TRUNC cannot cross an epoch boundary
                        // (the learner would crash), so that case stays undecided and becomes a snapshot.
                        if (Zxid.Epoch(zxid) != Zxid.Epoch(from))
                            return queued;
                        Add(new TruncPacket(previous));
                        NeedOpPacket = false;
                    }
                }

                // Coming from the txn log into the committed log, skip what was already queued.
                if (zxid <= queued)
                    continue;

                Add(new ProposalPacket(zxid));
                Add(new CommitPacket(zxid));
                queued = zxid;
            }

            if (NeedOpPacket && fromIsNewEpoch)
            {
                // Our history is older than the learner's new-epoch zxid and nothing is newer: an empty DIFF.
                Add(new DiffPacket(lastCommitted));
                NeedOpPacket = false;
            }

            return queued;
        }
    }
}
