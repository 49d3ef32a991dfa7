using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using AkkaZk.Client;
using AkkaZk.ProcessTests.Durability;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// What reaches an ensemble member that is not a well-configured peer: stray bytes on the quorum port, a server
/// whose server list differs, a server whose myid is not in its own list.
/// </summary>
public sealed partial class BadPeerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Garbage_and_idle_connections_on_the_quorum_ports_neither_stop_writes_nor_change_the_leader()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("bad-bytes");
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = (leader + 1) % ensemble.Count;
        var elections = Enumerable.Range(0, ensemble.Count).Select(i => Elections(ensemble[i])).ToList();
        var logged = Enumerable.Range(0, ensemble.Count).Select(i => ensemble[i].AllStdOut.Length).ToList();
        await using var client = await EnsembleReads.ConnectDirectAsync(ensemble.Ports[follower].Client);
        var (_, _, firstZxid) = await client.CreateAsync("/bad-bytes", "0");

        // idle connections held open on every quorum port for the whole test
        var idle = new List<TcpClient>();
        foreach (var member in ensemble.Ports)
        {
            var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", member.Quorum);
            idle.Add(socket);
        }
        try
        {
            var random = new Random(7);
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < 30; round++)
            {
                // the leader's and a follower's quorum port in turn, with writes in between
                var target = ensemble.Ports[round % 2 == 0 ? leader : follower].Quorum;
                await SendAndCloseAsync(target, Junk(round, random));
                var (stat, _) = await client.SetAsync("/bad-bytes", round.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(round + 1, stat.Version);
            }
            output.WriteLine($"30 junk connections with a write after each in {clock.Elapsed.TotalSeconds:F1}s");
            for (var i = 0; i < ensemble.Count; i++)
            {
                var lines = ensemble[i].AllStdOut[logged[i]..].Split('\n');
                var warnings = lines.Select((l, n) => (l, n)).Where(x => x.l.Contains(" WARN ") || x.l.Contains(" ERROR ")).ToList();
                output.WriteLine($"server {i + 1} logged {warnings.Count} warnings and errors meanwhile" +
                    (warnings.Count > 0 ? ", first:\n" + string.Join('\n', lines.Skip(warnings[0].n).Take(4)) : ""));
            }

            Assert.Equal(leader, await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(10)));
            var (_, _, lastZxid) = await client.CreateAsync("/bad-bytes/after", "");
            Assert.Equal(firstZxid >> 32, lastZxid >> 32); // same epoch: no new leader came and went in between
            for (var i = 0; i < ensemble.Count; i++)
            {
                Assert.True(ensemble[i].IsRunning, $"server {i + 1} stopped\n{ensemble.Diagnostics()}");
                Assert.True(Elections(ensemble[i]) == elections[i], $"server {i + 1} held another election\n{ensemble.Diagnostics()}");
                Assert.Equal("1", (await EnsembleReads.StatOnAsync(ensemble.Ports[i].Client, "/bad-bytes"))?.NumChildren.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Member_restarted_with_an_extra_server_line_is_refused_and_the_others_keep_serving_until_it_is_fixed()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("bad-list");
        var leader = await ensemble.WaitForLeaderAsync();
        var odd = (leader + 1) % ensemble.Count;
        var others = Enumerable.Range(0, ensemble.Count).Where(i => i != odd).ToList();
        var node = ensemble[odd];
        var config = await File.ReadAllTextAsync(node.ConfigFile);
        var stranger = FreePort.Take(2);
        Assert.Equal(0, await ensemble.StopAsync(odd));
        await File.WriteAllTextAsync(node.ConfigFile, config + $"server.4=127.0.0.1:{stranger[0]}:{stranger[1]}\n");
        await ensemble.RestartAsync(odd);

        var refusals = await WaitForRefusalsAsync(ensemble, others);
        output.WriteLine(string.Join('\n', refusals));
        await using (var client = await EnsembleReads.ConnectDirectAsync(ensemble.Ports[others[1]].Client))
        {
            for (var i = 0; i < 20; i++)
                await client.CreateAsync($"/while-refused-{i}", "");
            await client.CloseSessionAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // several election rounds of the refused server
        // refused, it never serves: srvr says so instead of a Mode line
        Assert.False(await ensemble.IsServingAsync(odd));
        Assert.Null(await ensemble.ModeAsync(odd));
        var meanwhile = await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(10), others);
        Assert.True(meanwhile == leader, $"server {leader + 1} led, but server {meanwhile + 1} leads while server {odd + 1} is refused\n{ensemble.Diagnostics()}");
        foreach (var i in others)
        {
            var lines = RefusingLines(ensemble[i]);
            Assert.True(lines.Count == 1, $"server {i + 1} should log one refusing line, not {lines.Count}:\n{string.Join('\n', lines)}");
            Assert.Contains($"server id {odd + 1}", lines[0]);
            Assert.Contains("server list differs", lines[0]);
        }

        // with its own configuration back it joins and catches up
        Assert.Equal(0, await ensemble.StopAsync(odd));
        await File.WriteAllTextAsync(node.ConfigFile, config);
        await ensemble.RestartAsync(odd);
        var after = await ensemble.WaitForLeaderAsync();
        Assert.True(after == leader, $"server {leader + 1} led, but server {after + 1} leads once server {odd + 1} is back\n{ensemble.Diagnostics()}");
        Assert.NotNull(await EnsembleReads.StatOnAsync(ensemble.Ports[odd].Client, "/while-refused-19"));
    }

    [Fact]
    public async Task Stranger_listing_itself_as_an_extra_server_is_refused_and_never_joins()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("bad-stranger");
        var leader = await ensemble.WaitForLeaderAsync();
        var members = Enumerable.Range(0, ensemble.Count).ToList();
        var taken = FreePort.Take(4);
        var strangerPorts = new MemberPorts(ensemble.Count + 1, taken[0], taken[1], taken[2], taken[3]);
        var dir = new TempDir("ens-stranger");
        var config = await AkkaZkEnsemble.WriteMemberAsync(dir, strangerPorts, ensemble.TickTime,
            AkkaZkEnsemble.ServerLines(ensemble.Ports.Append(strangerPorts)));
        await using var stranger = await AkkaZkNode.StartInAsync(dir, config, strangerPorts.Client, strangerPorts.Admin);

        var refusals = await WaitForRefusalsAsync(ensemble, members);
        output.WriteLine(string.Join('\n', refusals));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await using (var client = await EnsembleReads.ConnectDirectAsync(ensemble.Ports[leader].Client))
            await client.CreateAsync("/after-the-stranger", "");
        var srvr = await FourLetterWords.AskAsync(strangerPorts.Client, "srvr", TimeSpan.FromSeconds(5));
        Assert.Equal("This ZooKeeper instance is not currently serving requests\n", srvr);
        Assert.Equal(leader, await ensemble.WaitForLeaderAsync(TimeSpan.FromSeconds(10), members));
        foreach (var i in members)
        {
            var lines = RefusingLines(ensemble[i]);
            Assert.True(lines.Count == 1, $"server {i + 1} should log one refusing line, not {lines.Count}:\n{string.Join('\n', lines)}");
            Assert.Contains($"server id {strangerPorts.Id}", lines[0]);
        }
    }

    [Theory]
    [InlineData("9\n", "myid 9 is not in the server list")]
    [InlineData(null, "is missing")]
    [InlineData("one\n", "is not a number")]
    public async Task Member_whose_myid_is_not_in_its_server_list_refuses_to_start(string? myid, string message)
    {
        using var dir = new TempDir("ens-bad-myid");
        var taken = FreePort.Take(8);
        var members = Enumerable.Range(0, 2).Select(i => new MemberPorts(i + 1, taken[4 * i], taken[4 * i + 1], taken[4 * i + 2], taken[4 * i + 3])).ToList();
        var config = await AkkaZkEnsemble.WriteMemberAsync(dir, members[0], AkkaZkEnsemble.DefaultTickTime, AkkaZkEnsemble.ServerLines(members));
        var myidFile = Path.Combine(dir.Path, "data", "myid");
        if (myid is null)
            File.Delete(myidFile);
        else
            await File.WriteAllTextAsync(myidFile, myid);

        var result = await AkkaZkTool.RunAsync([config], TimeSpan.FromSeconds(90));
        output.WriteLine(result.Describe());

        Assert.False(result.TimedOut, result.Describe());
        Assert.NotEqual(0, result.ExitCode);
        var errors = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(errors.Length == 1, "expected one line on stderr:\n" + result.Describe());
        Assert.Contains(message, errors[0]);
        Assert.DoesNotContain("node started", result.StdOut);
        Assert.Null(await FourLetterWords.AskAsync(members[0].Client, "ruok", TimeSpan.FromSeconds(1)));
    }

    /// <summary>Polls until each of <paramref name="members"/> logged a refusing line; returns them.</summary>
    private static async Task<IReadOnlyList<string>> WaitForRefusalsAsync(AkkaZkEnsemble ensemble, IReadOnlyList<int> members)
    {
        var clock = Stopwatch.StartNew();
        while (members.Any(i => RefusingLines(ensemble[i]).Count == 0))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"not every member logged a refusing line within 30s\n{ensemble.Diagnostics()}");
            await Task.Delay(100);
        }
        return members.SelectMany(i => RefusingLines(ensemble[i]).Select(l => $"server {i + 1}: {l}")).ToList();
    }

    private static List<string> RefusingLines(AkkaZkNode node) =>
        node.AllStdOut.Split('\n').Where(l => l.Contains("refusing", StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Random bytes, an HTTP request, a huge and a negative frame length, a ZooKeeper client handshake.</summary>
    private static byte[] Junk(int round, Random random)
    {
        switch (round % 5)
        {
            case 0:
                var bytes = new byte[random.Next(1, 8192)];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                return Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            case 2:
                return [0x7f, 0xff, 0xff, 0xf0, 1, 2, 3, 4];
            case 3:
                return [0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0];
            default:
                // what a ZooKeeper client would send: length, protocol version, zxid, timeout, session, password
                var frame = new byte[4 + 44];
                frame[3] = 44;
                frame[15] = 0x10;
                return frame;
        }
    }

    private static async Task SendAndCloseAsync(int port, byte[] bytes)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", port);
        var stream = socket.GetStream();
        try
        {
            await stream.WriteAsync(bytes);
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var sink = new byte[4096];
            while (await stream.ReadAsync(sink, quiet.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // closed by the server or quiet: either way, on to the next
        }
    }

    private static int Elections(AkkaZkNode node) => ElectionDecided().Matches(node.AllStdOut).Count;

    [GeneratedRegex("election decided in")]
    private static partial Regex ElectionDecided();
}
