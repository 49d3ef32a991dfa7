using System.Text.RegularExpressions;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Admin;

/// <summary>`akkazk shell` run non-interactively, and compared with zkCli.sh on the same server.</summary>
public sealed partial class ShellTests(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    [Fact]
    public async Task At_a_terminal_the_prompt_completes_commands_and_paths_recalls_history_and_edits_in_the_line()
    {
        // a pseudo-terminal, keys typed one by one: tab completion, up arrow, left arrow + insert, quit
        var result = await ClientScripts.RunAsync("shell_pty.py", [RepoPaths.AkkaZkLauncher, fixture.Node.ConnectString], TimeSpan.FromMinutes(2));

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains("shell_pty: ok", result.StdOut);
    }

    [Fact]
    public async Task One_command_from_the_arguments_runs_and_exits_with_zkCli_s_texts_and_exit_codes()
    {
        var create = await fixture.ShellAsync("create", "/shell-args", "hello world");
        var get = await fixture.ShellAsync("get", "-s", "/shell-args");
        var missing = await fixture.ShellAsync("get", "/shell-missing");

        Assert.True(create.Succeeded, create.Describe());
        Assert.Contains("Created /shell-args", create.StdErr);
        Assert.True(get.Succeeded, get.Describe());
        Assert.Contains("\nhello world\ncZxid = 0x", get.StdOut);
        Assert.Contains("dataLength = 11\nnumChildren = 0\n", get.StdOut);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Node does not exist: /shell-missing\n", missing.StdErr);
    }

    [Fact]
    public async Task Ls_R_lists_the_subtree_breadth_first_under_a_chroot()
    {
        var setup = await AdminNodeFixture.ShellScriptAsync(fixture.Node.ConnectString,
            ["create /tree", "create /tree/a", "create /tree/a/x", "create /tree/b"]);
        Assert.True(setup.Succeeded, setup.Describe());

        var result = await ProcessRunner.RunAsync(RepoPaths.AkkaZkLauncher, ["shell", fixture.Node.ConnectString + "/tree", "ls", "-R", "/"],
            TimeSpan.FromSeconds(90));

        Assert.True(result.Succeeded, result.Describe());
        var listed = result.StdOut.Split('\n').SkipWhile(l => !l.StartsWith("WatchedEvent", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 0).ToList();
        Assert.Equal("/", listed[0]);
        Assert.Equal(["/a", "/b"], listed.Skip(1).Take(2).Order());
        Assert.Equal("/a/x", listed[3]);
    }

    /// <summary>
    /// zkCli's commands with their errors; the session's own zxids, times and ids differ and are masked. No
    /// printwatches toggling around a change: whether zkCli's event thread prints before or after "printwatches on"
    /// is a race in zkCli itself.
    /// </summary>
    private static readonly string[] Script =
    [
        "create /s1 hello", "create -s /s1/q- a", "create -e /s1/e data", "create -c /cont", "create /s1/child",
        "ls /", "ls -s /s1", "ls -R /s1", "get /s1", "get -s /s1", "stat /s1", "set /s1 world", "set -s /s1 again",
        "set -v 99 /s1 x", "get /nonexist", "stat /nonexist", "ls /nonexist", "delete /s1", "delete /nonexist",
        "create /s1 dup", "getAcl /s1", "setAcl /s1 world:anyone:cdrwa", "getAcl -s /s1", "addauth digest u:p", "whoami",
        "getAllChildrenNumber /s1", "sync /s1", "addWatch /s1", "removewatches /s1", "ls x", "create /q/w/e",
        "create /e1/c", "getEphemerals /s1", "get -w /s1", "set /s1 unseen",
        "deleteall /s1", "ls /", "get", "foo", "history", "quit",
    ];

    [Fact]
    public async Task Commands_from_stdin_print_what_zkCli_prints_for_them_on_the_same_server()
    {
        await TestDependencies.EnsureAsync();
        var setup = await AdminNodeFixture.ShellScriptAsync(fixture.Node.ConnectString, ["create /cmp-zk", "create /cmp-ak"]);
        Assert.True(setup.Succeeded, setup.Describe());

        var script = Path.GetTempFileName();
        await File.WriteAllLinesAsync(script, Script);
        try
        {
            var zkCli = await ProcessRunner.RunAsync("bash",
                ["-c", ZkCliSh + " -server \"$0\" < \"$1\"", fixture.Node.ConnectString + "/cmp-zk", script],
                TimeSpan.FromSeconds(120));
            var ours = await ProcessRunner.RunAsync("bash",
                ["-c", "\"$0\" shell \"$1\" < \"$2\"", RepoPaths.AkkaZkLauncher, fixture.Node.ConnectString + "/cmp-ak", script],
                TimeSpan.FromSeconds(120));

            // Watch events are printed by the client's event thread whenever they arrive, so where they land between
            // command outputs is timing: compare the text without them, and the events themselves in order.
            var (zkText, zkEvents) = SplitWatchEvents(Normalise(zkCli.StdOut));
            var (ourText, ourEvents) = SplitWatchEvents(Normalise(ours.StdOut));
            Assert.Equal(zkText, ourText);
            Assert.Equal(zkEvents, ourEvents);
            Assert.Equal(ZkCliMessages(zkCli.StdErr), ours.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The Debian zookeeper package's zkCli.sh (scripts/install-test-deps.sh installs it).</summary>
    private const string ZkCliSh = "/usr/share/zookeeper/bin/zkCli.sh";

    /// <summary>
    /// The commands of tests/clients/zkcli_session.sh (the differential zkCli session: ACLs, auth, sequential and
    /// ephemeral nodes, watches, errors) run through zkCli and through akkazk shell, both printed through
    /// normalise_cli.py, must read the same.
    /// </summary>
    [Fact]
    public async Task The_shared_zkCli_session_prints_the_same_through_akkazk_shell()
    {
        await TestDependencies.EnsureAsync();
        const string root = "/shell-session";
        var session = File.ReadAllLines(Path.Combine(RepoPaths.Clients, "zkcli_session.sh"))
            .SkipWhile(l => !l.StartsWith("commands=$(cat <<CMDS", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l != "CMDS")
            .Select(l => l.Replace("$B", root, StringComparison.Ordinal))
            .ToList();
        Assert.Contains("quit", session);
        string[] cleanup = ["addauth digest user:pass", $"setAcl -R {root} world:anyone:cdrwa", $"deleteall {root}", "quit"];

        var zkCli = await NormalisedAsync(ZkCliSh + " -server \"$1\"", cleanup, session);
        var ours = await NormalisedAsync("\"$2\" shell \"$1\"", cleanup, session);

        Assert.Contains($"Created {root}", zkCli);
        Assert.Equal(zkCli, ours);
    }

    /// <summary>Runs a cleanup session, then the session with stdout and stderr together, through normalise_cli.py.</summary>
    private async Task<string> NormalisedAsync(string client, IEnumerable<string> cleanup, IEnumerable<string> session)
    {
        var cleanupFile = Path.GetTempFileName();
        var sessionFile = Path.GetTempFileName();
        await File.WriteAllLinesAsync(cleanupFile, cleanup);
        await File.WriteAllLinesAsync(sessionFile, session);
        try
        {
            var run = await ProcessRunner.RunAsync("bash",
            [
                "-c", $"{client} < \"$3\" > /dev/null 2>&1; {client} < \"$4\" 2>&1 | \"$5\"",
                "session", fixture.Node.ConnectString, RepoPaths.AkkaZkLauncher, cleanupFile, sessionFile,
                Path.Combine(RepoPaths.Clients, "normalise_cli.py"),
            ], TimeSpan.FromSeconds(180));
            Assert.True(run.Succeeded, run.Describe());
            return run.StdOut;
        }
        finally
        {
            File.Delete(cleanupFile);
            File.Delete(sessionFile);
        }
    }

    /// <summary>Masks what differs between two sessions: zxids, times, session ids, the connect string.</summary>
    private static (string Text, List<string> Events) SplitWatchEvents(string text)
    {
        var events = WatchEventBlock().Matches(text).Select(m => m.Groups[1].Value).ToList();
        // On quit, closing the session queues a Closed event that the event thread may or may not print before the
        // process exits (zkCli's quit calls System.exit right after close): a race in either client, not a difference.
        if (events.Count > 0 && events[^1] == ClosedEvent)
            events.RemoveAt(events.Count - 1);
        return (WatchEventBlock().Replace(text, ""), events);
    }

    private const string ClosedEvent = "WatchedEvent state:Closed type:None path:null";

    [GeneratedRegex(@"\nWATCHER::\n\n(WatchedEvent [^\n]*)\n")]
    private static partial Regex WatchEventBlock();

    private static string Normalise(string text)
    {
        text = ZxidLine().Replace(text, "$1 = 0x?");
        text = TimeLine().Replace(text, "$1 = ?");
        text = OwnerLine().Replace(text, "ephemeralOwner = ?");
        return ConnectingLine().Replace(text, "Connecting to ?");
    }

    /// <summary>zkCli's stderr without the Java logging around it (SLF4J notes, log lines, stack traces).</summary>
    private static string[] ZkCliMessages(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("SLF4J", StringComparison.Ordinal) && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)
                        && !LogLine().IsMatch(l))
            .ToArray();

    [GeneratedRegex("^(cZxid|mZxid|pZxid) = 0x[0-9a-f]+", RegexOptions.Multiline)]
    private static partial Regex ZxidLine();

    [GeneratedRegex("^(ctime|mtime) = .*$", RegexOptions.Multiline)]
    private static partial Regex TimeLine();

    [GeneratedRegex("^ephemeralOwner = 0x[0-9a-f]+", RegexOptions.Multiline)]
    private static partial Regex OwnerLine();

    [GeneratedRegex("^Connecting to .*$", RegexOptions.Multiline)]
    private static partial Regex ConnectingLine();

    [GeneratedRegex(@"^\S*\s*\[[^\]]+\] (INFO|WARN|ERROR|DEBUG) ")]
    private static partial Regex LogLine();
}
