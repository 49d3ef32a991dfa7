using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaZk.Admin;
using AkkaZk.Config;
using AkkaZk.QuorumPeer;
using Xunit;

namespace AkkaZk.Server.Tests.Admin;

public sealed class AdminDispatchSpec : TestKit
{
    private static readonly IReadOnlyDictionary<string, string> NoQuery = new Dictionary<string, string>();

    /// <summary>Stands in for the QuorumPeer root: answers GetStatus with a fixed serving flag.</summary>
    private sealed class FakeQuorumPeer : ReceiveActor
    {
        public FakeQuorumPeer(bool serving) =>
            Receive<QuorumPeerProtocol.GetStatus>(_ => Sender.Tell(new QuorumPeerProtocol.Status([], serving)));
    }

    private AdminCommands Commands(bool serving)
    {
        Sys.ActorOf(Props.Create(() => new FakeQuorumPeer(serving)), ActorNames.QuorumPeer);
        return AdminCommandSet.Create(Sys, NodeSettings.Standalone(Path.GetTempPath(), 2181));
    }

    [Fact]
    public async Task Ruok_answers_ZooKeeper_s_not_serving_error_while_the_node_is_still_starting()
    {
        var answer = await AdminDispatch.RunAsync(Commands(serving: false), "ruok", NoQuery);

        Assert.Equal(AdminDispatch.NotServing, answer["error"]);
        Assert.Equal("ruok", answer["command"]);
    }

    [Fact]
    public async Task Ruok_answers_no_error_once_the_node_serves()
    {
        var answer = await AdminDispatch.RunAsync(Commands(serving: true), "ruok", NoQuery);

        Assert.Null(answer["error"]);
        Assert.Equal(["command", "error"], answer.Keys);
    }

    [Fact]
    public async Task Commands_that_need_no_server_answer_while_starting()
    {
        var answer = await AdminDispatch.RunAsync(Commands(serving: false), "gtmk", NoQuery);

        Assert.Equal(306L, answer["tracemask"]);
        Assert.Equal("get_trace_mask", answer["command"]);
    }

    [Fact]
    public async Task An_unknown_command_names_itself_in_the_error()
    {
        var answer = await AdminDispatch.RunAsync(Commands(serving: true), "bogus", NoQuery);

        Assert.Equal(["command", "error"], answer.Keys);
        Assert.Equal("Unknown command: bogus", answer["error"]);
    }

    [Fact]
    public void The_command_set_has_every_command_and_short_name_of_ZooKeeper_3_8()
    {
        var names = AdminCommandSet.Create(Sys, NodeSettings.Standalone(Path.GetTempPath(), 2181)).All.SelectMany(c => c.Names).ToHashSet();

        foreach (var name in (string[])["configuration", "conf", "config", "connection_stat_reset", "crst", "connections", "cons", "dirs",
                     "dump", "environment", "env", "envi", "get_trace_mask", "gtmk", "hash", "initial_configuration", "icfg",
                     "is_read_only", "isro", "last_snapshot", "lsnp", "leader", "lead", "monitor", "mntr",
                     "observer_connection_stat_reset", "orst", "observers", "obsr", "ruok", "server_stats", "srvr",
                     "set_trace_mask", "stmk", "stat_reset", "srst", "stats", "stat", "system_properties", "sysp", "voting_view",
                     "watch_summary", "wchs", "watches", "wchc", "watches_by_path", "wchp", "zabstate"])
            Assert.Contains(name, names);
    }
}
