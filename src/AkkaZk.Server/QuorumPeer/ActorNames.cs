namespace AkkaZk.QuorumPeer;

/// <summary>The fixed, lower-case names of the node's actors: /user/quorum-peer/{child}.</summary>
public static class ActorNames
{
    public const string QuorumPeer = "quorum-peer";
    public const string Config = "config";
    public const string Cleanup = "cleanup";
    public const string TxnLog = "txn-log";
    public const string DataTree = "data-tree";
    public const string Sessions = "sessions";
    public const string Clients = "clients";
    public const string Admin = "admin";
    public const string Election = "election";

    /// <summary>The Zab role the election actor starts once decided: /user/quorum-peer/election/{leader|follower|observer}.</summary>
    public const string Leader = "leader";
    public const string Follower = "follower";
    public const string Observer = "observer";

    /// <summary>The order in which the QuorumPeer starts its children (ZooKeeper's own startup order).</summary>
    public static readonly IReadOnlyList<string> StartupOrder =
        [Config, Cleanup, TxnLog, DataTree, Sessions, Clients, Admin, Election];

    /// <summary>Name of the actor for one client connection, e.g. "session-0x1000000a2b30000" once the session is known.</summary>
    public static string Connection(long connectionId) => $"cnxn-{connectionId}";

    public static string Session(long sessionId) => $"session-0x{sessionId:x}";
}
