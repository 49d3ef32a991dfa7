using AkkaZk.Election;

namespace AkkaZk.Zab;

/// <summary>
/// This server's place in the ensemble as the four-letter words, the admin server and the metrics show it. Written
/// by the election actor and the Zab roles, read from other threads: each field is replaced whole.
/// </summary>
public sealed class PeerStatus
{
    private volatile Snapshot _current = new(ServerState.Looking, -1, -1, [], 0, DateTime.UtcNow, false);

    /// <param name="Learners">leader only: every connected learner, whether it is synced, and how far it has acknowledged.</param>
    /// <param name="Since">when this state began (the leader's uptime).</param>
    /// <param name="Serving">the role is established (synced with a quorum) and clients are served.</param>
    public sealed record Snapshot(ServerState State, long LeaderId, long Epoch, IReadOnlyList<LearnerStatus> Learners, long LastCommitted, DateTime Since, bool Serving);

    public sealed record LearnerStatus(long Sid, bool Observer, bool Synced, long AckedZxid, string Address);

    public Snapshot Current => _current;

    public void Set(Snapshot snapshot) => _current = snapshot;

    /// <summary>srvr/stat's "Mode:" and mntr's zk_server_state.</summary>
    public string Mode => ModeOf(_current.State);

    public static string ModeOf(ServerState state) => state switch
    {
        ServerState.Leading => "leader",
        ServerState.Following => "follower",
        ServerState.Observing => "observer",
        _ => "looking",
    };
}
