using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests;

public sealed class ProcessPlumbingTests
{
    [Fact]
    public async Task Reference_ZooKeeper_answers_ruok_while_running_and_stops_when_disposed()
    {
        await TestDependencies.EnsureAsync();
        var zk = await ReferenceZooKeeper.StartAsync("plumbing");
        var port = zk.ClientPort;
        try
        {
            Assert.Equal("imok", await FourLetterWords.AskAsync(port, "ruok", TimeSpan.FromSeconds(5)));
            Assert.Contains("Mode: standalone", await FourLetterWords.AskAsync(port, "srvr", TimeSpan.FromSeconds(5)));
        }
        finally
        {
            await zk.DisposeAsync();
        }
        Assert.Null(await FourLetterWords.AskAsync(port, "ruok", TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Generated_zoo_cfg_names_every_setting_an_AkkaZk_node_needs()
    {
        var cfg = AkkaZkNode.ZooCfg("/tmp/d", 2181, 8080, ["snapCount=1000"]);

        Assert.Equal(
            ["tickTime=2000", "dataDir=/tmp/d", "clientPort=2181", "clientPortAddress=127.0.0.1", "admin.serverPort=8080",
             "4lw.commands.whitelist=*", "snapCount=1000"],
            cfg.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Terminated_process_reports_its_exit_code_and_output()
    {
        using var sleeper = ProcessRunner.Start("bash", ["-c", "trap 'echo bye >&2; exit 3' TERM; echo started; sleep 30 & wait"]);
        for (var i = 0; i < 100 && !sleeper.StdOut.Contains("started"); i++)
            await Task.Delay(100);

        Assert.True(await sleeper.TerminateAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, sleeper.ExitCode);
        Assert.Contains("started", sleeper.StdOut);
        Assert.Contains("bye", sleeper.StdErr);
    }

    [Fact]
    public async Task Missing_akkazk_launcher_fails_with_a_message_that_names_the_reference_target()
    {
        var missing = Path.Combine(RepoPaths.Scripts, "no-such-akkazk");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => AkkaZkNode.StartAsync("missing", launcher: missing));

        Assert.Contains("scripts/no-such-akkazk does not exist", e.Message);
        Assert.Contains("AKKAZK_TARGET=reference", e.Message);
    }

    [Fact]
    public async Task AkkaZk_node_that_exits_at_start_fails_with_its_output_and_exit_code()
    {
        using var dir = new TempDir("fake-launcher");
        var fake = Path.Combine(dir.Path, "akkazk");
        await File.WriteAllTextAsync(fake, "#!/usr/bin/env bash\necho \"config: $*\"\necho broken >&2\nexit 7\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AkkaZkNode.StartAsync("fake", ServerSettings.Deterministic, launcher: fake));

        Assert.Contains("exited with code 7", e.Message);
        Assert.Contains("-Dznode.container.checkIntervalMs=86400000", e.Message);
        Assert.Contains("zoo.cfg", e.Message);
        Assert.Contains("broken", e.Message);
    }
}
