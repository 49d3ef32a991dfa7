using AkkaZk.Quorum;
using Xunit;

namespace AkkaZk.Tests.Quorum;

public class ZxidTests
{
    [Fact]
    public void A_zxid_holds_the_epoch_in_its_high_half_and_the_counter_in_its_low_half()
    {
        var zxid = Zxid.Make(5, 0x2a);
        Assert.Equal(0x50000002aL, zxid);
        Assert.Equal(5, Zxid.Epoch(zxid));
        Assert.Equal(0x2a, Zxid.Counter(zxid));
        Assert.True(Zxid.IsNewEpoch(Zxid.Make(6, 0)));
    }

    [Theory]
    [InlineData(0L, "0x0")]
    [InlineData(0x100000003L, "0x100000003")]
    [InlineData(-1L, "0xffffffffffffffff")]
    public void Zxids_print_like_Java_Long_toHexString_with_0x(long zxid, string text) =>
        Assert.Equal(text, Zxid.ToHex(zxid));
}
