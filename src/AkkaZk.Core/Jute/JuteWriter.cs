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
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(length);
        var span = Output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
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
