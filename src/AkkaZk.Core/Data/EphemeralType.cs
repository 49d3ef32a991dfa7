namespace AkkaZk.Data;

/// <summary>What a znode's stored ephemeralOwner says about it (ZooKeeper's EphemeralType).</summary>
public enum EphemeralKind
{
    Void,
    Normal,
    Container,
    Ttl,
}

/// <summary>
/// The markers ZooKeeper stores in ephemeralOwner: session id for ephemerals, 0x8000… for containers,
/// 0xFF00… | ttl for TTL nodes. Clients never see the markers (they get 0).
/// </summary>
public static class EphemeralOwner
{
    public const long Container = long.MinValue;
    public const long MaxTtl = 0xFF_FFFF_FFFF;
    private const long ExtendedMask = unchecked((long)0xFF00_0000_0000_0000);
    private const long FeatureMask = 0x00FF_FF00_0000_0000;
    private const long TtlFeature = 0;

    public static long ForTtl(long ttl) => ExtendedMask | TtlFeature | ttl;

    public static long TtlOf(long owner) => owner & MaxTtl;

    public static bool IsValidTtl(long ttl) => ttl > 0 && ttl <= MaxTtl;

    public static EphemeralKind Kind(long owner, bool extendedTypesEnabled)
    {
        if (extendedTypesEnabled && (owner & ExtendedMask) == ExtendedMask && (owner & FeatureMask) >> 40 == TtlFeature)
            return EphemeralKind.Ttl;
        if (owner == Container)
            return EphemeralKind.Container;
        return owner == 0 ? EphemeralKind.Void : EphemeralKind.Normal;
    }

    /// <summary>The ephemeralOwner a client sees: the session for real ephemerals, else 0.</summary>
    public static long ForClient(long owner, bool extendedTypesEnabled) =>
        Kind(owner, extendedTypesEnabled) == EphemeralKind.Normal ? owner : 0;
}
