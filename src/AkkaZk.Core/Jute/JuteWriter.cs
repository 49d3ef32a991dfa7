using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AkkaZk.Jute;

/// <summary>
/// Writes jute's binary archive format (BinaryOutputArchive): big-endian ints and longs,
/// length-prefixed buffers and UTF-8 strings, -1 for null.
/// </summary>
public sealed class JuteWriter(IBufferWriter<byte> output)
{
    public IBufferWriter<byte> Output { get; } = output;

    public void WriteBool(bool value)
    {
        var span = Output.GetSpan(1);
        span[0] = value ? (byte)1 : (byte)0;
        Output.Advance(1);
    }

    public void WriteByte(byte value)
    {
        var span = Output.GetSpan(1);
        span[0] = value;
        Output.Advance(1);
    }

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Output.GetSpan(4), value);
        Output.Advance(4);
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Output.GetSpan(8), value);
        Output.Advance(8);
    }

    /// <summary>Bytes as they are, without a length (a body kept as received).</summary>
    public void WriteRaw(ReadOnlySpan<byte> value) => Output.Write(value);

    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        Output.Write(value);
    }

    public void WriteBuffer(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        WriteBuffer(value.AsSpan());
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        if (value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            WriteStringWithSurrogates(value);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(length);
        var span = Output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        Output.Advance(length);
    }

    /// <summary>
    /// Java's BinaryOutputArchive encodes each UTF-16 unit on its own, so a surrogate pair becomes two 3-byte
    /// sequences (CESU-8) rather than one 4-byte UTF-8 sequence; do the same so the bytes match ZooKeeper's.
    /// </summary>
    private void WriteStringWithSurrogates(string value)
    {
        var length = 0;
        foreach (var c in value)
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        WriteInt(length);
        var span = Output.GetSpan(length);
        var i = 0;
        foreach (var c in value)
        {
            if (c < 0x80)
            {
                span[i++] = (byte)c;
            }
            else if (c < 0x800)
            {
                span[i++] = (byte)(0xc0 | (c >> 6));
                span[i++] = (byte)(0x80 | (c & 0x3f));
            }
            else
            {
                span[i++] = (byte)(0xe0 | (c >> 12));
                span[i++] = (byte)(0x80 | ((c >> 6) & 0x3f));
                span[i++] = (byte)(0x80 | (c & 0x3f));
            }
        }
        Output.Advance(length);
    }

    /// <summary>Writes a vector: its count (-1 for null), then each element.</summary>
    public void WriteVector<T>(IReadOnlyList<T>? items, Action<JuteWriter, T> writeItem)
    {
        if (items is null)
        {
            WriteInt(-1);
            return;
        }
        WriteInt(items.Count);
        for (var i = 0; i < items.Count; i++)
            writeItem(this, items[i]);
    }

    public void WriteStrings(IReadOnlyList<string>? items) => WriteVector(items, static (w, s) => w.WriteString(s));
}
