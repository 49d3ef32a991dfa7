using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>A clean stop (SIGTERM) and a start on the same data dir bring back the tree exactly.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_after_SIGTERM_brings_back_every_znode_stat_acl_and_the_last_zxid()
    {
        var node = await AkkaZkNode.StartAsync("restart");
        try
        {
            await RestartScenario.StopAndRestartKeepsEverythingAsync(node);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
