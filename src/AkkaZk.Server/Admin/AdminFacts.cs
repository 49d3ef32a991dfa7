using Akka.Actor;
using AkkaZk.Clients;
using AkkaZk.Database;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Admin;

/// <summary>Asks the node's actors for what the admin commands show (ZooKeeper reads the same off ZooKeeperServer).</summary>
public static class AdminFacts
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static ActorSelection Child(ActorSystem system, string name) =>
        system.ActorSelection($"/user/{ActorNames.QuorumPeer}/{name}");

    public static Task<QuorumPeerProtocol.Status> Status(ActorSystem system) =>
        system.ActorSelection($"/user/{ActorNames.QuorumPeer}")
            .Ask<QuorumPeerProtocol.Status>(QuorumPeerProtocol.GetStatus.Instance, AskTimeout);

    public static Task<DataTreeProtocol.Stats> Tree(ActorSystem system) =>
        Child(system, ActorNames.DataTree).Ask<DataTreeProtocol.Stats>(DataTreeProtocol.GetStats.Instance, AskTimeout);

    /// <summary>The data tree's text dump for wchc, wchp or dump.</summary>
    public static async Task<string> TreeText(ActorSystem system, string command) =>
        (await Child(system, ActorNames.DataTree).Ask<DataTreeProtocol.Text>(new DataTreeProtocol.GetText(command), AskTimeout)).Value;

    public static Task<ClientsProtocol.Connections> Connections(ActorSystem system) =>
        Child(system, ActorNames.Clients).Ask<ClientsProtocol.Connections>(ClientsProtocol.GetConnections.Instance, AskTimeout);

    public static Task ResetStats(ActorSystem system, bool connections, bool server) =>
        Child(system, ActorNames.Clients).Ask<ClientsProtocol.StatsReset>(new ClientsProtocol.ResetStats(connections, server), AskTimeout);
}
