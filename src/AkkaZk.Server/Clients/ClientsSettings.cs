using System.Net;
using AkkaZk.Data;

namespace AkkaZk.Clients;

/// <summary>
/// What the client port needs to know, with ZooKeeper's zoo.cfg names in the comments.
/// Built by the lead from the node's settings; the defaults are ZooKeeper 3.8's.
/// </summary>
public sealed record ClientsSettings
{
    /// <summary>clientPortAddress; 0.0.0.0 listens on every interface.</summary>
    public string ClientPortAddress { get; init; } = "0.0.0.0";

    /// <summary>clientPort; 0 picks a free port (tests).</summary>
    public int ClientPort { get; init; } = 2181;

    /// <summary>maxClientCnxns: connections per client IP; 0 = unlimited.</summary>
    public int MaxClientCnxns { get; init; } = 60;

    /// <summary>jute.maxbuffer: the largest client frame accepted.</summary>
    public int MaxBuffer { get; init; } = 0xfffff;

    /// <summary>
    /// globalOutstandingLimit. ZooKeeper applies it to the whole server; here it caps each connection's requests in
    /// flight (the read loop stops reading that socket at the cap), and the server-wide figure is only counted.
    /// </summary>
    public int GlobalOutstandingLimit { get; init; } = 1000;

    /// <summary>tickTime in ms: sessions are touched at most every tickTime/2.</summary>
    public int TickTime { get; init; } = 2000;

    /// <summary>minSessionTimeout / maxSessionTimeout in ms (-1 = 2 / 20 ticks), shown by conf.</summary>
    public int MinSessionTimeout { get; init; } = -1;

    public int MaxSessionTimeout { get; init; } = -1;

    /// <summary>dataDir and dataLogDir as conf and dirs show them (ZooKeeper appends /version-2).</summary>
    public string DataDir { get; init; } = "";

    public string DataLogDir { get; init; } = "";

    /// <summary>
    /// zookeeper.nio.sessionlessCnxnTimeout: a connection that has not established a session within this many ms is
    /// closed (ZooKeeper's default 10 s). Also bounds how long a closing connection may take to flush.
    /// </summary>
    public int SessionlessConnectionTimeoutMs { get; init; } = 10000;

    /// <summary>myid.</summary>
    public long ServerId { get; init; }

    /// <summary>clientPortListenBacklog; -1 = the platform default.</summary>
    public int ClientPortListenBacklog { get; init; } = -1;

    /// <summary>4lw.commands.whitelist: the commands that answer; "*" enables all. ZooKeeper's default is srvr only.</summary>
    public IReadOnlySet<string> FourLetterWordWhitelist { get; init; } = new HashSet<string> { "srvr" };

    /// <summary>
    /// False while an ensemble member serves no clients (LOOKING, syncing): ruok stays silent and the other
    /// four-letter words answer ZooKeeper's "not currently serving" line.
    /// </summary>
    public Func<bool> IsServing { get; init; } = static () => true;

    /// <summary>True while the server is read-only: ConnectResponse.readOnly and isro ("ro").</summary>
    public Func<bool> IsReadOnly { get; init; } = static () => false;

    /// <summary>Version string for srvr / stat / mntr / envi, ZooKeeper's "version, built on date" shape.</summary>
    public string Version { get; init; } = DefaultVersion;

    /// <summary>The server's role as srvr's "Mode:" and mntr's zk_server_state show it (standalone, leader, follower, observer).</summary>
    public Func<string> ServerState { get; init; } = static () => "standalone";

    /// <summary>An ensemble member's place in the ensemble (mntr's peer and leader figures); null when standalone.</summary>
    public Zab.PeerStatus? Peer { get; init; }

    /// <summary>conf's quorum part (initLimit … membership, ZooKeeper's QuorumPeer lines); null when standalone.</summary>
    public string? QuorumConf { get; init; }

    /// <summary>Voting members of the ensemble (mntr's zk_quorum_size).</summary>
    public int QuorumSize { get; init; }

    /// <summary>
    /// Auth providers (addauth): scheme, auth bytes, remote address → the ids to add (a digest matching superDigest
    /// adds super too), or null when authentication fails. The default knows no scheme, so every addauth fails.
    /// </summary>
    public Func<string, byte[], string, IReadOnlyList<Id>?> Authenticate { get; init; } = static (_, _, _) => null;

    public const string DefaultVersion = "3.8.0-akkazk, built on 1970-01-01 00:00 UTC";

    public int EffectiveMinSessionTimeout => MinSessionTimeout == -1 ? TickTime * 2 : MinSessionTimeout;

    public int EffectiveMaxSessionTimeout => MaxSessionTimeout == -1 ? TickTime * 20 : MaxSessionTimeout;

    public bool IsWhitelisted(string command) =>
        FourLetterWordWhitelist.Contains("*") || FourLetterWordWhitelist.Contains(command);

    /// <summary>The endpoint to bind; throws on a malformed address so a bad config fails at startup.</summary>
    public IPEndPoint BindEndpoint => new(IPAddress.Parse(ClientPortAddress), ClientPort);
}
