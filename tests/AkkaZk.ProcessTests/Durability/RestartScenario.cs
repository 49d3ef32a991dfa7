using AkkaZk.Client;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>The clean stop and restart check, shared by the SQLite and PostgreSQL tests.</summary>
public static class RestartScenario
{
    /// <summary>Writes <see cref="VariedTree"/>, SIGTERM, restart, and compares everything (shared with the PostgreSQL tests).</summary>
    public static async Task StopAndRestartKeepsEverythingAsync(AkkaZkNode node)
    {
        var owner = await ZkOps.ConnectAsync(node, sessionTimeoutMs: 30000);
        var lastWritten = await VariedTree.WriteAsync(owner);
        SortedDictionary<string, ZnodeState> before;
        await using (var reader = await ZkOps.ConnectAsync(node))
            before = await TreeReader.ReadAsync(reader);
        var zxidBefore = await ServerState.LastZxidAsync(node.ClientPort);
        Assert.True(zxidBefore >= lastWritten, $"srvr Zxid 0x{zxidBefore:x} is below the last write's 0x{lastWritten:x}");
        Assert.Equal(owner.SessionId, before[VariedTree.Root + "/locks/leader"].Stat.EphemeralOwner);

        Assert.Equal(0, await node.StopAsync(TimeSpan.FromSeconds(10)));
        await owner.DisposeAsync(); // the session stays open: only its connection went away with the server
        await node.RestartAsync();
        // before any client connects: a new session is a txn (createSession) and takes the next zxid
        Assert.Equal(zxidBefore, await ServerState.LastZxidAsync(node.ClientPort));

        SortedDictionary<string, ZnodeState> after;
        await using (var reader = await ZkOps.ConnectAsync(node))
            after = await TreeReader.ReadAsync(reader);
        var differences = TreeReader.Differences(before, after);
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n" + node.Diagnostics());

        // the session survived the restart: its owner can re-attach, and the next txn continues the zxid sequence
        await using var again = await ZkClient.ConnectAsync("127.0.0.1", node.ClientPort, 30000, owner.SessionId, owner.Password);
        Assert.Equal(owner.SessionId, again.SessionId);
        var (_, _, next) = await again.CreateAsync(VariedTree.Root + "/after-restart", "x");
        Assert.True(next > zxidBefore, $"first zxid after the restart 0x{next:x} is not above 0x{zxidBefore:x}");
    }
}
