using System.Buffers.Binary;
using System.Text;

namespace AkkaZk.Jute;

/// <summary>
/// Reads jute's binary archive format (BinaryInputArchive) from one frame.
/// Any truncation or unreasonable length throws <see cref="JuteException"/>, which closes the connection.
/// </summary>
public ref struct JuteReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <param name="data">The bytes of one record.</param>
    /// <param name="maxFieldLength">jute.maxbuffer + extrasize: the largest buffer or string accepted.</param>
    public JuteReader(ReadOnlySpan<byte> data, int maxFieldLength = DefaultMaxFieldLength)
    {
        _data = data;
        _position = 0;
        MaxFieldLength = maxFieldLength;
    }

    /// <summary>ZooKeeper's default jute.maxbuffer (0xfffff) plus the default extrasize.</summary>
    public const int DefaultMaxFieldLength = 0xfffff * 2;

    public int MaxFieldLength { get; }
    public readonly int Position => _position;
    public readonly int Remaining => _data.Length - _position;
    public readonly bool AtEnd => _position >= _data.Length;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
            throw new JuteException($"record truncated: wanted {count} bytes at offset {_position}, {Remaining} left");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public bool ReadBool() => Take(1)[0] != 0;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    private int ReadLength()
    {
        var length = ReadInt();
        if (length < -1 || length > MaxFieldLength)
            throw new JuteException($"Unreasonable length = {length}");
        return length;
    }

    public byte[]? ReadBuffer()
    {
        var length = ReadLength();
        return length == -1 ? null : Take(length).ToArray();
    }

    public string? ReadString()
    {
        var length = ReadLength();
        return length == -1 ? null : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>Reads <paramref name="byteCount"/> raw UTF-8 bytes (no length prefix).</summary>
    public string ReadUtf8(int byteCount) => Encoding.UTF8.GetString(Take(byteCount));

    /// <summary>Reads a vector's count; -1 means null. Counts beyond what the frame could hold are rejected.</summary>
    public int ReadVectorCount()
    {
        var count = ReadInt();
        if (count < -1 || count > Remaining)
            throw new JuteException($"Unreasonable vector count = {count}");
        return count;
    }

    public List<string>? ReadStrings()
    {
        var count = ReadVectorCount();
        if (count == -1)
            return null;
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
            list.Add(ReadString() ?? throw new JuteException("null string inside a vector"));
        return list;
    }
}

/// <summary>A frame or record that does not decode: the connection that sent it is closed.</summary>
public sealed class JuteException(string message) : Exception(message);
