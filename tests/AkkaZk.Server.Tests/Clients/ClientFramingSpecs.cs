using System.Buffers;
using AkkaZk.Clients;
using Xunit;

namespace AkkaZk.Tests.Clients;

public sealed class ClientFramingSpecs
{
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    [Fact]
    public void A_frame_split_across_segments_is_sliced_off_whole()
    {
        var first = new Segment([0, 0]);
        var last = first.Append([0, 3, 7, 8]).Append([9, 0, 0]);
        var buffer = new ReadOnlySequence<byte>(first, 0, last, 3);
        Assert.Equal(FrameStatus.Frame, ClientFraming.TryReadFrame(ref buffer, 1024, out var frame, out var length));
        Assert.Equal(3, length);
        Assert.Equal([7, 8, 9], frame.ToArray());
        Assert.Equal(2, buffer.Length);
        Assert.Equal(FrameStatus.Incomplete, ClientFraming.TryReadFrame(ref buffer, 1024, out _, out _));
    }

    [Fact]
    public void A_partial_frame_waits_for_more_bytes()
    {
        var buffer = new ReadOnlySequence<byte>([0, 0, 0, 5, 1, 2]);
        Assert.Equal(FrameStatus.Incomplete, ClientFraming.TryReadFrame(ref buffer, 1024, out _, out _));
        Assert.Equal(6, buffer.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 4, 1 }, 1025)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff }, -1)]
    public void A_length_above_maxbuffer_or_negative_is_a_len_error(byte[] prefix, int expected)
    {
        var buffer = new ReadOnlySequence<byte>(prefix);
        Assert.Equal(FrameStatus.BadLength, ClientFraming.TryReadFrame(ref buffer, 1024, out _, out var length));
        Assert.Equal(expected, length);
    }

    [Fact]
    public void Four_letter_words_are_recognised_by_their_first_four_bytes()
    {
        Assert.True(FourLetterCommands.TryGet(0x72756f6b, out var command)); // "ruok"
        Assert.Equal("ruok", command);
        Assert.False(FourLetterCommands.TryGet(44, out _)); // a ConnectRequest's length
    }
}
