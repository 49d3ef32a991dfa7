using System.Text;
using AkkaZk.Client;
using AkkaZk.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

/// <summary>Sessions are global: the leader tracks them, so a session outlives the crash of its leader and moves to another server.</summary>
[Collection(EnsembleCollection.Name)]
public sealed class SessionFailoverSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task A_session_and_its_ephemeral_node_survive_a_leader_crash_and_move_to_another_server()
    {
        await using var ensemble = InProcessEnsemble.Start(3, output);
        var leader = await ensemble.WaitForLeaderAsync();
        var followers = ensemble.Running.Without(leader).ToList();
        var first = await ensemble.ClientForAsync(followers[0]);
        await first.CreateAsync("/owned", Encoding.UTF8.GetBytes("ephemeral"), CreateMode.Ephemeral);

        await ensemble.CrashAsync(leader);
        await ensemble.WaitForLeaderAsync();

        // the client comes back on the other survivor with its session id and password, within its timeout
        await using var moved = await ZkClient.ConnectAsync("127.0.0.1", ensemble.Nodes[followers[1]].ClientPort,
            first.NegotiatedTimeoutMs, first.SessionId, first.Password);
        Assert.Equal(first.SessionId, moved.SessionId);
        var owned = await moved.ExistsAsync("/owned");
        Assert.NotNull(owned);
        Assert.Equal(first.SessionId, owned.Value.EphemeralOwner);
        await moved.SetDataAsync("/owned", Encoding.UTF8.GetBytes("still mine"));

        // closing the session deletes its ephemeral node everywhere
        await moved.CloseSessionAsync();
        foreach (var node in ensemble.Running)
        {
            var client = await ensemble.ClientForAsync(node);
            await client.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest("/"));
            Assert.Null(await client.ExistsAsync("/owned"));
        }
    }
}
