namespace AkkaZk.Data;

/// <summary>A znode's Stat exactly as a client sees it (68 bytes on the wire).</summary>
public readonly record struct Stat(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    int DataLength,
    int NumChildren,
    long Pzxid);
