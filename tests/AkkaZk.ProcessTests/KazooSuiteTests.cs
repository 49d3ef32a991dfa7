using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests;

public sealed class KazooSuiteTests
{
    [Fact]
    public async Task Kazoo_suite_passes_against_the_server_under_test()
    {
        await TestDependencies.EnsureAsync();
        await using var server = await ServerUnderTest.StartAsync("kazoo");

        var result = await ClientScripts.RunAsync("kazoo_suite.py", [server.ConnectString], TimeSpan.FromMinutes(2));

        Assert.True(result.Succeeded, ClientScripts.Explain(result, server));
        Assert.Contains("kazoo_suite: all checks passed", result.StdOut);
    }
}
