using System.Text;
using AkkaZk.Client;
using AkkaZk.Protocol;
using AkkaZk.Sessions;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.Tests.Ensemble;

/// <summary>A learner answers a reconnect only once the leader confirmed the session (ZooKeeper's REVALIDATE).</summary>
[Collection(EnsembleCollection.Name)]
public sealed class ReconnectSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task A_follower_and_an_observer_attach_a_session_the_leader_holds_and_expire_one_it_does_not()
    {
        await using var ensemble = InProcessEnsemble.Start(4, output, new EnsembleOptions(Observers: 1));
        var leader = await ensemble.WaitForLeaderAsync();
        var learners = ensemble.Running.Without(leader).ToList();
        var first = await ensemble.ClientForAsync(leader);
        await first.CreateAsync("/mine", Encoding.UTF8.GetBytes("x"), CreateMode.Ephemeral);
        var mark = ensemble.MarkLogs();

        foreach (var learner in learners)
        {
            await using var moved = await ZkClient.ConnectAsync("127.0.0.1", ensemble.Nodes[learner].ClientPort,
                first.NegotiatedTimeoutMs, first.SessionId, first.Password);
            Assert.Equal(first.SessionId, moved.SessionId);
            await moved.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest("/"));
            Assert.Equal(first.SessionId, (await moved.ExistsAsync("/mine"))!.Value.EphemeralOwner);
        }
        Assert.DoesNotContain(ensemble.LogSince(leader, mark), l => l.Contains("Missing session", StringComparison.Ordinal));

        // a session id no server ever created, with the password that id would have
        var unknown = first.SessionId + 0x1234;
        foreach (var learner in learners)
        {
            var refused = await Assert.ThrowsAsync<ZkException>(() => ZkClient.ConnectAsync("127.0.0.1",
                ensemble.Nodes[learner].ClientPort, 6000, unknown, SessionIds.Password(unknown)));
            Assert.Equal(ErrorCode.SessionExpired, refused.Code);
        }
    }

    [Fact]
    public async Task A_follower_cut_off_from_the_leader_does_not_revive_a_session_the_leader_expired()
    {
        // syncLimit of 50 ticks: the cut-off follower goes on believing it follows for 10 s, long after the session expired
        await using var ensemble = InProcessEnsemble.Start(3, output, new EnsembleOptions(SyncLimit: 50));
        var leader = await ensemble.WaitForLeaderAsync();
        var followers = ensemble.Running.Without(leader).ToList();
        var (cutOff, other) = (followers[0], followers[1]);
        var watcher = await ensemble.ClientForAsync(other);
        var doomed = await ZkClient.ConnectAsync("127.0.0.1", ensemble.Nodes[leader].ClientPort, sessionTimeoutMs: 400);
        await doomed.CreateAsync("/doomed", Encoding.UTF8.GetBytes("x"), CreateMode.Ephemeral);
        var (sessionId, password) = (doomed.SessionId, doomed.Password);
        await watcher.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest("/"));
        var onCutOff = await ensemble.ClientForAsync(cutOff);
        await onCutOff.CallAsync<SyncResponse>(OpCode.Sync, new SyncRequest("/"));
        Assert.NotNull(await onCutOff.ExistsAsync("/doomed"));

        await ensemble.PartitionAsync([cutOff], [leader, other]);
        await doomed.DisposeAsync(); // the client goes silent: the leader expires its session within 400 ms and a tick
        await Eventually.Until(async () => await watcher.ExistsAsync("/doomed") is null ? watcher : null,
            InProcessEnsemble.DefaultTimeout, () => "the leader expiring the session");

        // the cut-off follower still holds the session and still follows: it must ask the leader, which it cannot reach
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            var stale = await Record.ExceptionAsync(() => ZkClient.ConnectAsync("127.0.0.1", ensemble.Nodes[cutOff].ClientPort, 400, sessionId, password, cancel: wait.Token));
            Assert.NotNull(stale);
        }

        // reachable again, the leader answers: expired
        await ensemble.HealAsync();
        var expired = await Assert.ThrowsAsync<ZkException>(() => ZkClient.ConnectAsync("127.0.0.1",
            ensemble.Nodes[cutOff].ClientPort, 400, sessionId, password));
        Assert.Equal(ErrorCode.SessionExpired, expired.Code);
    }
}
