namespace AkkaZk.Sessions;

/// <summary>ZooKeeper's session ids and passwords, so that ids look alike and passwords validate after a restart.</summary>
public static class SessionIds
{
    /// <summary>SessionTrackerImpl.initializeNextSessionId: ((elapsed ms &lt;&lt; 24) &gt;&gt;&gt; 8) | (serverId &lt;&lt; 56).</summary>
    public static long InitialId(long serverId, long elapsedMs)
    {
        var shifted = (long)((ulong)(elapsedMs << 24) >> 8);
        return shifted | (serverId << 56);
    }

    /// <summary>ZooKeeper's password: java.util.Random(sessionId ^ superSecret).nextBytes(16).</summary>
    public static byte[] Password(long sessionId)
    {
        const long superSecret = 0xB3415C00L;
        var random = new JavaRandom(sessionId ^ superSecret);
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }

    public static bool IsValidPassword(long sessionId, ReadOnlySpan<byte> passwd) =>
        passwd.SequenceEqual(Password(sessionId));
}

/// <summary>java.util.Random's 48-bit LCG: the few calls ZooKeeper's password needs.</summary>
internal sealed class JavaRandom(long seed)
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Mask = (1L << 48) - 1;
    private long _seed = (seed ^ Multiplier) & Mask;

    private int Next(int bits)
    {
        _seed = (_seed * Multiplier + 0xBL) & Mask;
        return (int)((ulong)_seed >> (48 - bits));
    }

    public void NextBytes(byte[] bytes)
    {
        for (int i = 0; i < bytes.Length;)
        {
            for (int rnd = Next(32), n = Math.Min(bytes.Length - i, 4); n-- > 0; rnd >>= 8)
                bytes[i++] = (byte)rnd;
        }
    }
}
