using System.Net;
using Akka.Actor;

namespace AkkaZk.Clients;

/// <summary>
/// The client port (ZooKeeper's ServerCnxnFactory): the <c>clients</c> actor listens on clientPortAddress:clientPort
/// and runs one <c>cnxn-&lt;n&gt;</c> child per TCP connection. It reports
/// <see cref="QuorumPeer.QuorumPeerProtocol.Ready"/> to its parent once bound, or
/// <see cref="QuorumPeer.QuorumPeerProtocol.StartFailed"/> when the port cannot be bound.
/// </summary>
public static class ClientsProtocol
{
    public static Props Props(ClientsSettings settings, IActorRef dataTree, IActorRef sessions, IWireCodec codec) =>
        Akka.Actor.Props.Create(() => new ServerCnxnFactory(settings, dataTree, sessions, codec));

    /// <summary>Asks for the bound endpoint (useful with port 0); answered with <see cref="BoundEndpoint"/>.</summary>
    /// <summary>The server left its Zab role (or lost its leader): close every client connection, as ZooKeeper does; clients reconnect elsewhere.</summary>
    public sealed class CloseAllConnections
    {
        public static readonly CloseAllConnections Instance = new();

        private CloseAllConnections()
        {
        }
    }

    public sealed record GetEndpoint
    {
        public static readonly GetEndpoint Instance = new();
    }

    public sealed record BoundEndpoint(IPEndPoint Endpoint);

    /// <summary>Asks for the live connections' figures (cons / admin server); answered with <see cref="Connections"/>.</summary>
    public sealed record GetConnections
    {
        public static readonly GetConnections Instance = new();
    }

    public sealed record Connections(IReadOnlyList<ConnectionSnapshot> Snapshot, ServerStatsSnapshot Server);

    /// <summary>crst / srst from the admin server: connection and/or server counters back to zero; answered with <see cref="StatsReset"/>.</summary>
    public sealed record ResetStats(bool Connections, bool Server);

    public sealed record StatsReset
    {
        public static readonly StatsReset Instance = new();
    }

    /// <summary>Sessions → clients, on the leader: a learner asked to confirm a session (mntr's revalidate_count).</summary>
    public sealed record RevalidateReceived
    {
        public static readonly RevalidateReceived Instance = new();
    }
}
