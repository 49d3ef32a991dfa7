using System.Buffers;
using System.Buffers.Binary;

namespace AkkaZk.Clients;

public enum FrameStatus
{
    /// <summary>A whole frame was sliced off the buffer.</summary>
    Frame,

    /// <summary>Not enough bytes yet: read more.</summary>
    Incomplete,

    /// <summary>The length is negative or above jute.maxbuffer: ZooKeeper's "Len error", the connection closes.</summary>
    BadLength,
}

/// <summary>Client framing as a pure function: a big-endian int length, then that many bytes.</summary>
public static class ClientFraming
{
    /// <summary>Reads the first 4 bytes of the buffer as a big-endian int, or returns false when fewer are there.</summary>
    public static bool TryPeekInt(in ReadOnlySequence<byte> buffer, out int value)
    {
        value = 0;
        if (buffer.Length < 4)
            return false;
        Span<byte> head = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(head);
        value = BinaryPrimitives.ReadInt32BigEndian(head);
        return true;
    }

    /// <summary>
    /// Slices one frame's payload off the front of <paramref name="buffer"/>. On <see cref="FrameStatus.BadLength"/>
    /// <paramref name="length"/> holds the offending value.
    /// </summary>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxBuffer, out ReadOnlySequence<byte> frame, out int length)
    {
        frame = default;
        if (!TryPeekInt(buffer, out length))
            return FrameStatus.Incomplete;
        if (length < 0 || length > maxBuffer)
            return FrameStatus.BadLength;
        if (buffer.Length < 4L + length)
            return FrameStatus.Incomplete;
        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(frame.End);
        return FrameStatus.Frame;
    }
}
