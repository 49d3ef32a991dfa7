using System.Buffers;
using System.Buffers.Binary;
using AkkaZk.Jute;

namespace AkkaZk.Protocol.Codec;

/// <summary>
/// Length-prefixed framing of the client port: every packet is int frameLen (big-endian, excluding itself) +
/// frameLen bytes. Pure functions over buffers, so the transport only moves bytes.
/// </summary>
public static class Framing
{
    /// <summary>ZooKeeper's default jute.maxbuffer (0xfffff): the largest frame a server accepts.</summary>
    public const int DefaultMaxFrameLength = 0xfffff;

    public const int LengthPrefixSize = 4;

    /// <summary>
    /// Takes one complete frame (without its length prefix) off the front of <paramref name="buffer"/>. Returns false
    /// and leaves the buffer alone when the frame has not fully arrived. Throws <see cref="JuteException"/> ("Len error",
    /// as NIOServerCnxn.readLength) when the length is negative or above <paramref name="maxFrameLength"/>.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameLength, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (!TryPeekLength(buffer, out var length))
            return false;
        if (length < 0 || length > maxFrameLength)
            throw new JuteException($"Len error {length}");
        if (buffer.Length - LengthPrefixSize < length)
            return false;
        frame = buffer.Slice(LengthPrefixSize, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    /// <summary>
    /// Reads the first 4 bytes as a big-endian int without consuming them: the frame length, or, on a fresh
    /// connection, possibly a four-letter word (see <see cref="FourLetterWords"/>).
    /// </summary>
    public static bool TryPeekLength(in ReadOnlySequence<byte> buffer, out int length)
    {
        length = 0;
        if (buffer.Length < LengthPrefixSize)
            return false;
        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
        length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        return true;
    }

    /// <summary>
    /// Runs a decoder over a frame's bytes: directly when the frame lies in one segment, else over a pooled copy.
    /// Decoders must not keep the span (byte[] fields are copied out by <see cref="JuteReader"/> anyway).
    /// </summary>
    public static T Decode<T>(in ReadOnlySequence<byte> frame, JuteDecoder<T> decode, int maxFieldLength = JuteReader.DefaultMaxFieldLength)
    {
        if (frame.IsSingleSegment)
        {
            var reader = new JuteReader(frame.FirstSpan, maxFieldLength);
            return decode(ref reader);
        }
        var length = checked((int)frame.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            var reader = new JuteReader(rented.AsSpan(0, length), maxFieldLength);
            return decode(ref reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the 4-byte length prefix and then <paramref name="body"/>.</summary>
    public static void WriteFrame(IBufferWriter<byte> output, ReadOnlySpan<byte> body)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(LengthPrefixSize), body.Length);
        output.Advance(LengthPrefixSize);
        output.Write(body);
    }

    /// <summary>
    /// Writes one frame whose body is produced by <paramref name="writeBody"/>. The body is first written to a
    /// per-thread scratch buffer to learn its length (patching a reserved prefix is unsafe for writers that move
    /// their memory when they grow, e.g. ArrayBufferWriter), then copied behind the prefix.
    /// </summary>
    public static void WriteFrame<TState>(IBufferWriter<byte> output, TState state, Action<JuteWriter, TState> writeBody)
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        try
        {
            writeBody(new JuteWriter(scratch), state);
            WriteFrame(output, scratch.WrittenSpan);
        }
        finally
        {
            // Do not keep a huge buffer alive on this thread after one big reply.
            if (scratch.Capacity > MaxRetainedScratch)
                t_scratch = null;
        }
    }

    private const int MaxRetainedScratch = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;
}
