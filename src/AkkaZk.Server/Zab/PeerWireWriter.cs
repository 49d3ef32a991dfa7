using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;

namespace AkkaZk.Zab;

/// <summary>
/// Writes one peer message in jute's layout (big-endian ints and longs, int-length-prefixed arrays and UTF-8
/// strings). A measuring writer only counts, so each message's field list is written once and still lands in a
/// single exactly-sized array: measure, allocate, write.
/// </summary>
internal ref struct PeerWireWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _measuring;

    private PeerWireWriter(Span<byte> buffer, bool measuring)
    {
        _buffer = buffer;
        _measuring = measuring;
        Length = 0;
    }

    public static PeerWireWriter Measuring() => new([], measuring: true);

    public static PeerWireWriter Into(Span<byte> buffer) => new(buffer, measuring: false);

    /// <summary>Bytes written (or counted) so far.</summary>
    public int Length { get; private set; }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Byte(byte value)
    {
        if (!_measuring)
            _buffer[Length] = value;
        Length += 1;
    }

    public void Int(int value)
    {
        if (!_measuring)
            BinaryPrimitives.WriteInt32BigEndian(_buffer[Length..], value);
        Length += 4;
    }

    public void Long(long value)
    {
        if (!_measuring)
            BinaryPrimitives.WriteInt64BigEndian(_buffer[Length..], value);
        Length += 8;
    }

    public void Bytes(byte[]? value, string field)
    {
        var bytes = value ?? throw Null(field);
        Int(bytes.Length);
        if (!_measuring)
            bytes.CopyTo(_buffer[Length..]);
        Length += bytes.Length;
    }

    public void Text(string? value, string field)
    {
        var text = value ?? throw Null(field);
        if (_measuring)
        {
            Length += 4 + Encoding.UTF8.GetByteCount(text);
            return;
        }
        var written = Encoding.UTF8.GetBytes(text, _buffer[(Length + 4)..]);
        Int(written);
        Length += written;
    }

    public void Longs(long[]? values, string field)
    {
        var longs = values ?? throw Null(field);
        Int(longs.Length);
        foreach (var value in longs)
            Long(value);
    }

    public void Texts(string[]? values, string field)
    {
        var texts = values ?? throw Null(field);
        Int(texts.Length);
        foreach (var text in texts)
            Text(text, field);
    }

    // A null where the record promises a value would only fail on the receiving server; refuse it here instead.
    private static SerializationException Null(string field) =>
        new($"{nameof(PeerMessageSerializer)}: {field} is null; peer messages carry empty arrays and strings, never null");
}
