using Akka.Actor;

namespace AkkaZk.Zab;

/// <summary>The leader's view of one connected learner (ZooKeeper's LearnerHandler, without its thread).</summary>
internal sealed class LearnerHandle(long sid, IActorRef peer, IActorRef leader, bool observer, long lastZxid)
{
    public enum Phase
    {
        /// <summary>Sent LEARNERINFO; waits for the epoch (LEADERINFO) or has it and must answer ACKEPOCH.</summary>
        Discovering,

        /// <summary>Answered ACKEPOCH; waits for a quorum of them before its sync is planned.</summary>
        EpochAcked,

        /// <summary>Its DIFF or SNAP is being prepared by the data tree.</summary>
        Planning,

        /// <summary>Got its sync and NEWLEADER; receives live proposals; its NEWLEADER ACK is outstanding.</summary>
        NewLeaderSent,

        /// <summary>Acknowledged NEWLEADER: counts for commits.</summary>
        Synced,
    }

    public long Sid { get; } = sid;
    public IActorRef Peer { get; } = peer;

    /// <summary>Everything the leader sends this learner goes through here (see <see cref="PeerOutbox"/>).</summary>
    public PeerOutbox Outbox { get; } = new(peer, leader);
    public bool Observer { get; } = observer;
    public long LastZxid { get; set; } = lastZxid;
    public Phase State { get; set; } = Phase.Discovering;
    public long AckedZxid { get; set; } = -1;
    public long NewLeaderZxid { get; set; }
    public bool UpToDateSent { get; set; }
    public DateTime LastHeard { get; set; } = DateTime.UtcNow;

    public void Send(IPeerMessage message) => Outbox.Send(message);

    /// <summary>Sends <paramref name="message"/> at once, behind what is pending (see <see cref="PeerOutbox.SendNow"/>).</summary>
    public void SendNow(IPeerMessage message) => Outbox.SendNow(message);

    /// <summary>Gets live proposals (or, for an observer, committed txns) from now on.</summary>
    public bool IsForwarding => State >= Phase.NewLeaderSent;
}
