using AkkaZk.Jute;
using AkkaZk.Tests.Protocol;
using Xunit;

namespace AkkaZk.Tests.Jute;

public sealed class JuteStringTests
{
    [Fact]
    public void Bmp_string_is_plain_utf8_behind_its_length()
    {
        var bytes = Wire.Encode(w => w.WriteString("/né日"));

        Assert.Equal("00000007" + "2F6EC3A9E697A5", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Surrogate_pair_is_written_as_two_three_byte_sequences_as_java_does()
    {
        // U+1F600 is the pair D83D DE00. Expected bytes checked against BinaryOutputArchive.writeString of zookeeper-jute 3.8.0.
        var bytes = Wire.Encode(w => w.WriteString("a\U0001F600"));

        Assert.Equal("00000007" + "61" + "EDA0BD" + "EDB880", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Null_string_and_null_buffer_are_length_minus_one_and_read_back_as_null()
    {
        var bytes = Wire.Encode(w =>
        {
            w.WriteString(null);
            w.WriteBuffer((byte[]?)null);
            w.WriteBuffer(Array.Empty<byte>());
        });
        var reader = new JuteReader(bytes);

        Assert.Equal("FFFFFFFF" + "FFFFFFFF" + "00000000", Convert.ToHexString(bytes));
        Assert.Null(reader.ReadString());
        Assert.Null(reader.ReadBuffer());
        Assert.Equal(Array.Empty<byte>(), reader.ReadBuffer());
    }

    [Fact]
    public void Null_buffer_marker_is_distinct_from_an_empty_buffer()
    {
        Assert.True(JuteBuffers.IsNull(JuteBuffers.Null));
        Assert.True(JuteBuffers.IsNull(null));
        Assert.False(JuteBuffers.IsNull(Array.Empty<byte>()));
        Assert.False(JuteBuffers.IsNull([]));
    }
}
