using AkkaZk.Data;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class PathUtilsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b.c")]
    [InlineData("/a/..b")]
    [InlineData("/a/.b")]
    [InlineData("/zookeeper")]
    [InlineData("/ä/中")]
    public void Valid_paths_pass(string path) => Assert.True(PathUtils.IsValid(path));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("/a/")]
    [InlineData("//a")]
    [InlineData("/a//b")]
    [InlineData("/.")]
    [InlineData("/a/.")]
    [InlineData("/a/./b")]
    [InlineData("/..")]
    [InlineData("/a/../b")]
    [InlineData("/a\u0000b")]
    [InlineData("/a\u0001")]
    [InlineData("/a\u001f")]
    [InlineData("/a\u007f")]
    [InlineData("/a\u009f")]
    [InlineData("/a\ud800")]
    [InlineData("/a\uf8ff")]
    [InlineData("/a\ufff0")]
    [InlineData("/a\uffff")]
    public void Invalid_paths_fail(string path) => Assert.False(PathUtils.IsValid(path));

    [Fact]
    public void Parent_of_a_root_child_is_the_empty_string_as_in_ZooKeeper()
    {
        Assert.Equal("", PathUtils.ParentOf("/a"));
        Assert.Equal("/a", PathUtils.ParentOf("/a/b"));
        Assert.Equal("b", PathUtils.NameOf("/a/b"));
    }
}
