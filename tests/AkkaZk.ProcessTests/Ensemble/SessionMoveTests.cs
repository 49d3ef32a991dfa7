using AkkaZk.Client;
using AkkaZk.ProcessTests.Infrastructure;
using AkkaZk.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// ZooKeeper's SessionTest.testSessionMove, beside a 3-server Apache ZooKeeper 3.8 ensemble: a session hops from
/// server to server by reconnecting with its id and password while its old connection stays open. The leader
/// records which server owns the session; the old connection's next write (or, on the leader, its next read) fails
/// with SESSIONMOVED, which the old server answers by closing that connection, so the client left behind cannot
/// run on with a session that moved (ZOOKEEPER-710).
/// </summary>
public sealed class SessionMoveTests(ITestOutputHelper output)
{
    private const int TimeoutMs = 6000;
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(10);

    /// <summary>Each hop: the session's old connection is on the first role, its new one on the second.</summary>
    private static readonly (string From, string To)[] Hops = [("follower1", "follower2"), ("follower2", "leader"), ("leader", "follower1")];

    [Fact]
    public async Task The_old_connection_of_a_moved_session_is_closed_on_its_next_write_as_ZooKeeper_does()
    {
        List<string> reference;
        await using (var zookeeper = await ReferenceZooKeeperEnsemble.StartAsync("session-move"))
            reference = await MoveAsync(zookeeper.ClientPorts, await zookeeper.WaitForLeaderAsync());
        List<string> ours;
        await using (var akkazk = await AkkaZkEnsemble.StartAsync("session-move"))
            ours = await MoveAsync(akkazk.Ports.Select(p => p.Client).ToList(), await akkazk.WaitForLeaderAsync());

        output.WriteLine("ZooKeeper 3.8:\n  " + string.Join("\n  ", reference));
        output.WriteLine("AkkaZk:\n  " + string.Join("\n  ", ours));
        // what ZooKeeper does, written down so a change on either side shows
        Assert.Equal(
        [
            "follower1->follower2: new sync Ok, new setData Ok, old exists Ok, old setData connection closed",
            "follower2->leader: new sync Ok, new setData Ok, old exists Ok, old setData connection closed",
            "leader->follower1: new sync Ok, new setData Ok, old exists connection closed, old setData connection closed",
            "ephemeral of the moved session: Ok",
            // one reconnect with the session per hop, on the server it hopped to; the leader confirmed those on followers
            "connection_revalidate_count: leader 1, follower1 1, follower2 1; revalidate_count: leader 2, follower1 0, follower2 0",
        ], reference);
        Assert.Equal(reference, ours);
    }

    private static async Task<List<string>> MoveAsync(IReadOnlyList<int> ports, int leader)
    {
        var roles = new Dictionary<string, int>
        {
            ["leader"] = ports[leader],
            ["follower1"] = ports[(leader + 1) % ports.Count],
            ["follower2"] = ports[(leader + 2) % ports.Count],
        };
        var lines = new List<string>();
        var old = await EnsembleReads.ConnectDirectAsync(roles[Hops[0].From], TimeoutMs);
        await old.CreateAsync("/sessionMoveTest", [], CreateMode.Ephemeral);
        foreach (var (from, to) in Hops)
        {
            // the new connection stomps the old one's session: the leader now holds `to` as its owner
            var moved = await ZkClient.ConnectAsync("127.0.0.1", roles[to], TimeoutMs, old.SessionId, old.Password);
            var sync = await OutcomeAsync(moved, OpCode.Sync, new SyncRequest("/"));
            var write = await OutcomeAsync(moved, OpCode.SetData, new SetDataRequest("/", [1], -1));
            var read = await OutcomeAsync(old, OpCode.Exists, new ExistsRequest("/", false));
            var stale = await OutcomeAsync(old, OpCode.SetData, new SetDataRequest("/", [1], -1));
            lines.Add($"{from}->{to}: new sync {sync}, new setData {write}, old exists {read}, old setData {stale}");
            await old.DisposeAsync();
            old = moved;
        }
        lines.Add($"ephemeral of the moved session: {await OutcomeAsync(old, OpCode.Exists, new ExistsRequest("/sessionMoveTest", false))}");
        await old.CloseSessionAsync();
        await old.DisposeAsync();
        var counters = new Dictionary<string, Dictionary<string, string>>();
        foreach (var role in new[] { "leader", "follower1", "follower2" })
        {
            var mntr = await FourLetterWords.AskAsync(roles[role], "mntr", CallLimit);
            counters[role] = (mntr ?? "").Split('\n').Select(l => l.Split('\t')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        }
        string Counter(string name) =>
            string.Join(", ", counters.Select(c => $"{c.Key} {c.Value.GetValueOrDefault("zk_" + name, "missing")}"));
        lines.Add($"connection_revalidate_count: {Counter("connection_revalidate_count")}; revalidate_count: {Counter("revalidate_count")}");
        return lines;
    }

    /// <summary>The reply's error code, or that the server closed the connection instead of answering.</summary>
    private static async Task<string> OutcomeAsync(ZkClient client, OpCode type, ZkRequest request)
    {
        if (client.IsClosed)
            return "connection closed";
        try
        {
            var reply = await client.SendAsync(type, request).WaitAsync(CallLimit);
            return reply.Header.Err.ToString();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return "connection closed";
        }
        catch (TimeoutException)
        {
            return "no answer";
        }
    }
}
