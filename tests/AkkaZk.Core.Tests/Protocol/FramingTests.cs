using System.Buffers;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Protocol;

public sealed class FramingTests
{
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }

    /// <summary>A sequence cut into segments of the given sizes, as a socket pipe delivers it.</summary>
    private static ReadOnlySequence<byte> Chunked(byte[] bytes, int chunkSize)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length || first is null; offset += chunkSize)
        {
            var memory = bytes.AsMemory(offset, Math.Min(chunkSize, bytes.Length - offset));
            last = new Segment(memory, last);
            first ??= last;
        }
        return new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private static byte[] Framed(params byte[][] bodies)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var body in bodies)
            Framing.WriteFrame(output, body);
        return output.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Captured_frames_split_across_segments_come_out_whole_and_in_order(int chunkSize)
    {
        var bodies = CapturedFrames.All.Where(f => f.Connection == 1).Select(f => f.Body).ToArray();
        var buffer = Chunked(Framed(bodies), chunkSize);

        var frames = new List<byte[]>();
        while (Framing.TryReadFrame(ref buffer, Framing.DefaultMaxFrameLength, out var frame))
            frames.Add(frame.ToArray());

        Assert.Equal(bodies, frames);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Incomplete_frame_is_left_in_the_buffer()
    {
        var bytes = Framed([1, 2, 3, 4, 5]);
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            Assert.False(Framing.TryReadFrame(ref buffer, Framing.DefaultMaxFrameLength, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void Empty_frame_is_a_frame()
    {
        var buffer = new ReadOnlySequence<byte>(Framed(Array.Empty<byte>()));

        Assert.True(Framing.TryReadFrame(ref buffer, Framing.DefaultMaxFrameLength, out var frame));
        Assert.Equal(0, frame.Length);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(Framing.DefaultMaxFrameLength + 1)]
    [InlineData(int.MaxValue)]
    public void Negative_or_oversized_length_is_a_len_error(int length)
    {
        var buffer = new ReadOnlySequence<byte>([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);

        var error = Assert.Throws<JuteException>(() => Framing.TryReadFrame(ref buffer, Framing.DefaultMaxFrameLength, out _));
        Assert.StartsWith("Len error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_up_to_the_cap_is_accepted_and_waits_for_its_bytes()
    {
        var buffer = new ReadOnlySequence<byte>([0x00, 0x0f, 0xff, 0xff, 1, 2]);

        Assert.False(Framing.TryReadFrame(ref buffer, Framing.DefaultMaxFrameLength, out _));
    }

    [Fact]
    public void Frame_written_with_a_body_callback_has_the_right_length_prefix()
    {
        var output = new ArrayBufferWriter<byte>(1);
        var header = new ReplyHeader(5, 0x100000002, ErrorCode.Ok);
        var response = new GetDataResponse(new byte[5000], default);

        Framing.WriteFrame(output, (header, response), static (w, s) => ResponseCodec.Write(w, s.header, s.response));

        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.True(Framing.TryReadFrame(ref buffer, Framing.DefaultMaxFrameLength, out var frame));
        Assert.Equal(16 + 4 + 5000 + 68, frame.Length);
        Assert.Equal(Wire.Encode(w => ResponseCodec.Write(w, header, response)), frame.ToArray());
    }

    [Fact]
    public void Captured_connect_request_is_read_by_its_length_not_mistaken_for_a_four_letter_word()
    {
        var connect = CapturedFrames.All.First(f => f.IsHandshake && f.FromClient);
        var buffer = new ReadOnlySequence<byte>(Framed(connect.Body));

        Assert.True(Framing.TryPeekLength(buffer, out var firstInt));
        Assert.False(FourLetterWords.TryParse(firstInt, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public void Decode_reads_a_frame_spread_over_segments(int chunkSize)
    {
        foreach (var captured in CapturedFrames.All.Where(f => f.FromClient && !f.IsHandshake))
        {
            var frame = Chunked(captured.Body, chunkSize);

            var (header, body) = Framing.Decode(frame, RequestCodec.Read);

            var reencoded = Wire.Encode(w =>
            {
                if (body is null)
                    RequestCodec.WriteHeader(w, header);
                else
                    RequestCodec.Write(w, header, body);
            });
            Assert.Equal(captured.Body, reencoded);
        }
    }

    [Fact]
    public void Frame_writer_reproduces_captured_frames_with_their_length_prefix()
    {
        var connect = CapturedFrames.All.First(f => f.IsHandshake && !f.FromClient);
        var notification = CapturedFrames.Where(fromClient: false, OpCode.Notification).First();
        var output = new ArrayBufferWriter<byte>();

        FrameWriter.WriteConnectResponse(output, Framing.Decode(new ReadOnlySequence<byte>(connect.Body), ConnectCodec.ReadConnectResponse));
        FrameWriter.WriteNotification(output, Framing.Decode(new ReadOnlySequence<byte>(notification.Body), static (ref JuteReader r) =>
        {
            ResponseCodec.ReadHeader(ref r);
            return ResponseCodec.ReadWatcherEvent(ref r);
        }));

        Assert.Equal(Framed(connect.Body, notification.Body), output.WrittenSpan.ToArray());
    }
}

