using System.Text;

namespace AkkaZk.Bench;

/// <summary>
/// Znode contents that carry their own identity: "k{key}:v{version}:" then filler up to the data size, so a
/// reader can tell that it got exactly the version it expected of exactly the node it asked for.
/// </summary>
public static class Payload
{
    public static byte[] For(long key, int version, int size)
    {
        var head = Encoding.ASCII.GetBytes($"k{key}:v{version}:");
        var data = new byte[Math.Max(size, head.Length)];
        head.CopyTo(data, 0);
        for (var i = head.Length; i < data.Length; i++)
            data[i] = (byte)('a' + (i + key) % 26);
        return data;
    }

    public static bool Matches(ReadOnlySpan<byte> actual, long key, int version, int size) =>
        actual.SequenceEqual(For(key, version, size));

    public static string Describe(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)':');
        end = end < 0 ? Math.Min(data.Length, 24) : data[(end + 1)..].IndexOf((byte)':') + end + 1;
        return $"{data.Length} bytes starting '{Encoding.ASCII.GetString(data[..Math.Max(0, Math.Min(end, data.Length))])}'";
    }
}
