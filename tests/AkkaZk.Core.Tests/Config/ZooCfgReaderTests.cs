using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

public class ZooCfgReaderTests
{
    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_lines_are_counted()
    {
        var entries = ZooCfgReader.Read("zoo.cfg", "# comment\n! also a comment\n\n  tickTime = 2000  \r\ndataDir=/var/zk\n");
        Assert.Equal([new ZooCfgEntry("tickTime", "2000", 4), new ZooCfgEntry("dataDir", "/var/zk", 5)], entries);
    }

    [Fact]
    public void A_trailing_backslash_continues_the_line_and_escapes_are_read_as_java_Properties_does()
    {
        var entries = ZooCfgReader.Read("zoo.cfg", "a=one \\\n   two\nb=C:\\\\zk\\tdata\nc=\\u0041\\=\n");
        Assert.Equal([new ZooCfgEntry("a", "one two", 1), new ZooCfgEntry("b", "C:\\zk\tdata", 3), new ZooCfgEntry("c", "A=", 4)], entries);
    }

    [Fact]
    public void A_value_may_contain_equals_signs()
    {
        var entries = ZooCfgReader.Read("zoo.cfg", "DigestAuthenticationProvider.superDigest=super:abc=\n");
        Assert.Equal("super:abc=", entries[0].Value);
    }

    [Fact]
    public void A_line_without_a_key_is_rejected()
    {
        var e = Assert.Throws<ConfigException>(() => ZooCfgReader.Read("my.cfg", "a=1\n=2\n"));
        Assert.Equal(("my.cfg", 2), (e.File, e.Line));
    }
}
