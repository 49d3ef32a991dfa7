namespace AkkaZk.Jute;

/// <summary>
/// Jute distinguishes a null buffer (length -1) from an empty one (length 0), and ZooKeeper echoes the difference
/// back: a znode created with null data returns a null buffer from getData. Our records hold non-null byte arrays,
/// so a null buffer is represented by this one shared empty array. Code that only looks at the bytes sees an
/// empty array; the codec writes this instance back as -1.
/// </summary>
public static class JuteBuffers
{
    // A distinct instance on purpose: Array.Empty<byte>() is what an empty (length 0) buffer decodes to.
#pragma warning disable CA1825
    public static readonly byte[] Null = new byte[0];
#pragma warning restore CA1825

    public static bool IsNull(byte[]? buffer) => buffer is null || ReferenceEquals(buffer, Null);
}
