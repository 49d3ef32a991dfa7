using System.Text.Json;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// What operators see of a running ensemble: mntr's peer figures, /zookeeper/config, the admin server's leader,
/// voting_view and cluster commands, `akkazk cluster`, and the health checks while a server is not serving.
/// </summary>
public sealed class EnsembleInspectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_view_of_the_ensemble_names_the_same_leader_and_every_server()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("inspection");
        var leader = await ensemble.WaitForLeaderAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        // mntr: the leader counts its synced followers; everybody knows the quorum size
        var mntr = await FourLetterWords.AskAsync(ensemble.Ports[leader].Client, "mntr", TimeSpan.FromSeconds(5)) ?? "";
        Assert.Contains("zk_server_state\tleader\n", mntr);
        Assert.Contains("zk_peer_state\tleading - broadcast\n", mntr);
        Assert.Contains("zk_quorum_size\t3\n", mntr);
        Assert.Contains("zk_synced_followers\t2\n", mntr);
        var follower = (leader + 1) % ensemble.Count;
        var followerMntr = await FourLetterWords.AskAsync(ensemble.Ports[follower].Client, "mntr", TimeSpan.FromSeconds(5)) ?? "";
        Assert.Contains("zk_peer_state\tfollowing - broadcast\n", followerMntr);

        // conf and /zookeeper/config carry the static membership
        var conf = await FourLetterWords.AskAsync(ensemble.Ports[follower].Client, "conf", TimeSpan.FromSeconds(5)) ?? "";
        foreach (var line in AkkaZkEnsemble.ServerLines(ensemble.Ports))
            Assert.Contains(line + ":participant\n", conf);
        Assert.EndsWith("version=0", conf);

        // admin: leader and voting_view
        using (var lead = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{ensemble.Ports[follower].Admin}/commands/leader")))
        {
            Assert.False(lead.RootElement.GetProperty("is_leader").GetBoolean());
            Assert.Equal(leader + 1, lead.RootElement.GetProperty("leader_id").GetInt64());
        }
        using (var view = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{ensemble.Ports[leader].Admin}/commands/voting_view")))
            Assert.Equal(3, view.RootElement.GetProperty("current_config").EnumerateObject().Count());

        // the cluster view: every server answers with its state; Akka.Cluster has every member Up (joining takes a moment)
        var servers = await WaitForClusterAsync(http, ensemble.Ports[follower].Admin);
        Assert.All(servers, s => Assert.Equal("Up", s.MemberStatus));
        Assert.Equal(["leader"], servers.Where(s => s.Id == leader + 1).Select(s => s.State));
        Assert.All(servers.Where(s => s.Id != leader + 1), s => Assert.Equal("follower", s.State));

        // each server has its own (gossiped) membership view: ask the one that was seen with every member Up
        var cli = await AkkaZkTool.RunAsync(["cluster", $"127.0.0.1:{ensemble.Ports[follower].Admin}"]);
        output.WriteLine(cli.StdOut);
        Assert.True(cli.Succeeded, cli.Describe());
        Assert.Contains($"leader: {leader + 1},", cli.StdOut);
        Assert.Equal(3, cli.StdOut.Split('\n').Count(l => l.Contains("participant", StringComparison.Ordinal) && l.Contains(" Up ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Akka_cluster_forms_with_any_quorum_and_takes_in_the_first_seed_when_it_starts_late()
    {
        // server 1, the first in every server list, is down at boot: 2 and 3 elect a leader and form the cluster
        await using var ensemble = await AkkaZkEnsemble.StartAsync("cluster-quorum", heldBack: [0]);
        var leader = await ensemble.WaitForLeaderAsync();
        Assert.NotEqual(0, leader);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var servers = await WaitForClusterAsync(http, ensemble.Ports[1].Admin, upIds: [2, 3]);
        Assert.Equal([null, "Up", "Up"], servers.OrderBy(s => s.Id).Select(s => s.MemberStatus));

        // server 1 starts, follows the leader and joins the cluster it formed: one cluster of three, seen by server 1
        await ensemble.StartHeldBackAsync(0);
        await ensemble.WaitForLeaderAsync();
        servers = await WaitForClusterAsync(http, ensemble.Ports[0].Admin, upIds: [1, 2, 3]);
        Assert.All(servers, s => Assert.Equal("Up", s.MemberStatus));
        var cli = await AkkaZkTool.RunAsync(["cluster", $"127.0.0.1:{ensemble.Ports[0].Admin}"]);
        output.WriteLine(cli.StdOut);
        Assert.Equal(3, cli.StdOut.Split('\n').Count(l => l.Contains("participant", StringComparison.Ordinal) && l.Contains(" Up ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_server_without_a_quorum_is_not_healthy()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("health");
        var leader = await ensemble.WaitForLeaderAsync();
        var lone = (leader + 1) % ensemble.Count;
        Assert.Equal("imok", await FourLetterWords.AskAsync(ensemble.Ports[lone].Client, "ruok", TimeSpan.FromSeconds(5)));

        foreach (var other in Enumerable.Range(0, ensemble.Count).Where(i => i != lone))
            await ensemble.KillAsync(other);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? ruok = "imok";
        while (ruok == "imok" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            ruok = await FourLetterWords.AskAsync(ensemble.Ports[lone].Client, "ruok", TimeSpan.FromSeconds(5));
        }
        Assert.NotEqual("imok", ruok);
        Assert.Equal("This ZooKeeper instance is not currently serving requests\n",
            await FourLetterWords.AskAsync(ensemble.Ports[lone].Client, "srvr", TimeSpan.FromSeconds(5)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var admin = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{ensemble.Ports[lone].Admin}/commands/ruok"));
        Assert.Equal("This ZooKeeper instance is not currently serving requests", admin.RootElement.GetProperty("error").GetString());
    }

    private sealed record ServerView(long Id, string State, string? MemberStatus);

    /// <summary>Polls a server's cluster view until exactly <paramref name="upIds"/> (default all three) are Up members.</summary>
    private static async Task<IReadOnlyList<ServerView>> WaitForClusterAsync(HttpClient http, int adminPort, IReadOnlyList<long>? upIds = null)
    {
        upIds ??= [1, 2, 3];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{adminPort}/commands/cluster"));
            var servers = doc.RootElement.GetProperty("servers").EnumerateArray().Select(s => new ServerView(
                s.GetProperty("id").GetInt64(),
                s.GetProperty("state").GetString() ?? "",
                s.GetProperty("member_status").ValueKind == JsonValueKind.String ? s.GetProperty("member_status").GetString() : null)).ToList();
            if (servers.Where(s => s.MemberStatus == "Up").Select(s => s.Id).Order().SequenceEqual(upIds) || DateTime.UtcNow > deadline)
                return servers;
            await Task.Delay(500);
        }
    }
}
