using System.Buffers;
using System.Text;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Protocol;

public sealed class FourLetterWordsTests
{
    public static TheoryData<string> Words() => new(FourLetterWords.All);

    [Theory]
    [MemberData(nameof(Words))]
    public void Known_word_sent_as_the_first_four_bytes_is_recognised(string word)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(word + "\n"));

        Assert.True(Framing.TryPeekLength(buffer, out var firstInt));
        Assert.True(FourLetterWords.TryParse(firstInt, out var parsed));
        Assert.Equal(word, parsed);
    }

    [Fact]
    public void ZooKeeper_3_8_knows_eighteen_words()
    {
        Assert.Equal(18, FourLetterWords.All.Distinct().Count());
    }

    [Theory]
    [InlineData("RUOK")]
    [InlineData("abcd")]
    [InlineData("kill")]
    public void Unknown_word_is_not_recognised(string word)
    {
        Assert.False(FourLetterWords.TryParse(FourLetterWords.ToInt(word), out _));
    }

    [Fact]
    public void Ruok_reads_as_the_int_zookeeper_sees()
    {
        Assert.Equal(0x72756f6b, FourLetterWords.ToInt("ruok"));
    }
}
