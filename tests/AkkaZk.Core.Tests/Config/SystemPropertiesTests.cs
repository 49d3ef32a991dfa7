using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

public class SystemPropertiesTests
{
    [Fact]
    public void Leading_D_arguments_are_split_from_the_rest()
    {
        var (props, rest) = SystemProperties.Parse(["-Dzookeeper.snapCount=10", "-Djute.maxbuffer=0x200000", "-Dflag", "zoo.cfg", "-Dlate=1"]);
        Assert.Equal(new Dictionary<string, string> { ["zookeeper.snapCount"] = "10", ["jute.maxbuffer"] = "0x200000", ["flag"] = "" }, props);
        Assert.Equal(["zoo.cfg", "-Dlate=1"], rest);
    }

    [Fact]
    public void A_value_keeps_its_own_equals_signs_and_the_last_duplicate_wins()
    {
        var (props, rest) = SystemProperties.Parse(["-Da=1", "-Dzookeeper.DigestAuthenticationProvider.superDigest=super:x=", "-Da=2"]);
        Assert.Equal("2", props["a"]);
        Assert.Equal("super:x=", props["zookeeper.DigestAuthenticationProvider.superDigest"]);
        Assert.Empty(rest);
    }
}
