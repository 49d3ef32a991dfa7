using AkkaZk.Bench;
using Xunit;

namespace AkkaZk.ProcessTests.Bench;

/// <summary>--server with one address or an ensemble's list, and how sessions are spread over the list.</summary>
public sealed class BenchOptionsTests
{
    [Fact]
    public void A_comma_separated_server_list_spreads_sessions_round_robin()
    {
        var options = BenchOptions.Parse(["--server", "127.0.0.1:2181, 127.0.0.1:2182,localhost:2183", "--workload", "set"]);

        Assert.Equal(["127.0.0.1:2181", "127.0.0.1:2182", "localhost:2183"], options.Servers.Select(s => s.ToString()));
        Assert.Equal([2181, 2182, 2183, 2181, 2182], Enumerable.Range(0, 5).Select(i => options.ServerFor(i).Port));
    }

    [Fact]
    public void A_single_server_serves_every_session()
    {
        var options = BenchOptions.Parse(["--server", "10.0.0.7:2999"]);

        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(new ServerAddress("10.0.0.7", 2999), options.ServerFor(i)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:2181,nohost")]
    [InlineData(":2181")]
    [InlineData("127.0.0.1:70000")]
    [InlineData(",")]
    public void A_server_that_is_not_host_colon_port_is_refused(string value)
    {
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--server", value]));
    }
}
