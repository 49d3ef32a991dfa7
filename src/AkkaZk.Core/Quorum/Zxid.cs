namespace AkkaZk.Quorum;

/// <summary>
/// A zxid is a 64-bit transaction id: the leader's epoch in the high 32 bits, a counter within that epoch in the
/// low 32 bits (ZooKeeper's ZxidUtils).
/// </summary>
public static class Zxid
{
    public static long Epoch(long zxid) => zxid >> 32;

    public static long Counter(long zxid) => zxid & 0xffffffffL;

    public static long Make(long epoch, long counter) => (epoch << 32) | (counter & 0xffffffffL);

    /// <summary>True for the first zxid of an epoch (counter 0), which a server holds right after joining a leader.</summary>
    public static bool IsNewEpoch(long zxid) => Counter(zxid) == 0;

    /// <summary>As ZooKeeper logs it: "0x" and Long.toHexString, lower case, no padding (-1 is 0xffffffffffffffff).</summary>
    public static string ToHex(long zxid) => "0x" + zxid.ToString("x");
}
