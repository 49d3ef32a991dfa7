using Akka.Actor;
using Akka.Cluster;
using AkkaZk.Config;
using AkkaZk.Election;
using AkkaZk.Zab;

namespace AkkaZk.Admin;

/// <summary>The admin commands about the ensemble: leader, voting_view, observers, and AkkaZk's own cluster view.</summary>
public static class AdminEnsemble
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);

    public static Dictionary<string, object?> Leader(NodeSettings s, PeerStatus.Snapshot peer)
    {
        var leader = s.Servers.FirstOrDefault(server => server.Id == peer.LeaderId);
        return new()
        {
            ["is_leader"] = peer.State == ServerState.Leading,
            ["leader_id"] = peer.LeaderId,
            ["leader_ip"] = leader?.Host,
        };
    }

    public static Dictionary<string, object?> VotingView(NodeSettings s) =>
        s.Servers.Where(server => server.Role == PeerRole.Participant)
            .ToDictionary(server => server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), server => (object?)EnsembleConfigText.ServerLine(server));

    public static Dictionary<string, object?> Observers(PeerStatus.Snapshot? peer)
    {
        var observers = peer?.State == ServerState.Leading ? peer.Learners.Where(l => l.Observer).ToList() : [];
        return new()
        {
            ["synced_observers"] = observers.Count(o => o.Synced),
            ["observers"] = observers.Select(o => new Dictionary<string, object?>
            {
                ["sid"] = o.Sid,
                ["address"] = o.Address,
                ["synced"] = o.Synced,
                ["acked_zxid"] = "0x" + o.AckedZxid.ToString("x"),
            }).ToList(),
        };
    }

    /// <summary>
    /// The ensemble as this server sees it: Akka.Cluster membership (status, roles, reachability) beside each
    /// server's own answer about its Zab state and last zxid, and its lag behind the leader. Membership is only
    /// shown here; who leads and what is committed is decided by Zab alone.
    /// </summary>
    public static async Task<Dictionary<string, object?>> Cluster(ActorSystem system, NodeSettings s, PeerStatus? peer)
    {
        if (s.IsStandalone || peer is null)
            return new() { ["mode"] = "standalone", ["servers"] = Array.Empty<object>() };
        var view = EnsembleView.From(s);
        var reports = await Task.WhenAll(view.Servers.Keys.Select(sid => AskState(system, view, sid)));
        var leaderZxid = reports.FirstOrDefault(r => r?.State == ServerState.Leading)?.LastZxid;
        var members = MembersByAddress(system);
        return new()
        {
            ["my_id"] = s.MyId,
            ["leader_id"] = peer.Current.LeaderId,
            ["epoch"] = peer.Current.Epoch,
            ["servers"] = view.Servers.Values.OrderBy(server => server.Id).Select(server =>
            {
                var report = reports.FirstOrDefault(r => r?.Sid == server.Id);
                var address = view.AddressOf(server.Id).ToString();
                members.TryGetValue(address, out var member);
                return new Dictionary<string, object?>
                {
                    ["id"] = server.Id,
                    ["address"] = address,
                    ["role"] = server.Role == PeerRole.Observer ? "observer" : "participant",
                    ["state"] = report is null ? "unreachable" : PeerStatus.ModeOf(report.State),
                    ["leader_id"] = report?.LeaderId,
                    ["epoch"] = report?.Epoch,
                    ["last_zxid"] = report is null ? null : "0x" + report.LastZxid.ToString("x"),
                    ["lag"] = report is null || leaderZxid is null ? null : Math.Max(0, leaderZxid.Value - report.LastZxid),
                    ["member_status"] = member?.Status,
                    ["member_roles"] = member?.Roles,
                    ["reachable"] = member?.Reachable,
                };
            }).ToList(),
        };
    }

    private static async Task<PeerStateReport?> AskState(ActorSystem system, EnsembleView view, long sid)
    {
        try
        {
            return await system.ActorSelection(view.ElectionPath(sid)).Ask<PeerStateReport>(new PeerStateQuery(view.MyId), PeerTimeout);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or ActorNotFoundException)
        {
            return null;
        }
    }

    private sealed record MemberView(string Status, IReadOnlyList<string> Roles, bool Reachable);

    private static Dictionary<string, MemberView> MembersByAddress(ActorSystem system)
    {
        if (!Hosting.NodeActorSystem.RunsCluster(system))
            return [];
        var state = Akka.Cluster.Cluster.Get(system).State;
        return state.Members.ToDictionary(
            m => m.Address.ToString(),
            m => new MemberView(m.Status.ToString(), m.Roles.Order().ToList(), !state.Unreachable.Contains(m)));
    }

}
