using Akka.Actor;
using AkkaZk.Database;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Admin;

/// <summary>The commands the admin server answers, with ZooKeeper 3.8's names and JSON field names.</summary>
public static class AdminCommandSet
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static AdminCommands Create(ActorSystem system) => new(system,
    [
        new(["ruok"], Ruok),
        new(["is_read_only", "isro"], _ => Task.FromResult(new Dictionary<string, object?> { ["read_only"] = false })),
        new(["monitor", "mntr"], Monitor),
    ]);

    private static ActorSelection Child(ActorSystem system, string name) =>
        system.ActorSelection($"/user/{ActorNames.QuorumPeer}/{name}");

    /// <summary>ok only once every startup step is done, so load balancers see a serving node.</summary>
    private static async Task<Dictionary<string, object?>> Ruok(ActorSystem system)
    {
        var status = await system.ActorSelection($"/user/{ActorNames.QuorumPeer}")
            .Ask<QuorumPeerProtocol.Status>(QuorumPeerProtocol.GetStatus.Instance, AskTimeout);
        return status.Serving ? [] : new Dictionary<string, object?> { ["error"] = "This ZooKeeper instance is not currently serving requests" };
    }

    private static async Task<Dictionary<string, object?>> Monitor(ActorSystem system)
    {
        var stats = await Child(system, ActorNames.DataTree).Ask<DataTreeProtocol.Stats>(DataTreeProtocol.GetStats.Instance, AskTimeout);
        return new Dictionary<string, object?>
        {
            ["znode_count"] = stats.NodeCount,
            ["watch_count"] = stats.WatchCount,
            ["ephemerals_count"] = stats.EphemeralsCount,
            ["approximate_data_size"] = stats.ApproximateDataSize,
            ["outstanding_requests"] = stats.OutstandingRequests,
            ["last_zxid"] = stats.LastZxid,
            ["global_sessions"] = stats.Sessions.Count,
            ["server_state"] = "standalone",
        };
    }
}
