using System.Net.Sockets;
using AkkaZk.ProcessTests.Infrastructure;
using Xunit;

namespace AkkaZk.ProcessTests.Admin;

public sealed class AdminServerDisabledTests
{
    [Fact]
    public async Task With_admin_enableServer_false_nothing_listens_on_the_admin_port_while_the_client_port_serves()
    {
        await using var node = await AkkaZkNode.StartAsync("admin-off",
            new ServerSettings(["admin.enableServer=false"], new Dictionary<string, string>()));

        using var tcp = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", node.AdminPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Contains("Mode: standalone", await FourLetterWords.AskAsync(node.ClientPort, "srvr", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task The_four_letter_word_whitelist_does_not_limit_the_admin_server_as_in_ZooKeeper_3_8()
    {
        await using var node = await AkkaZkNode.StartAsync("admin-wl",
            new ServerSettings(["4lw.commands.whitelist=srvr,ruok"], new Dictionary<string, string>()));
        using var http = new HttpClient();

        var mntr = await http.GetStringAsync($"http://127.0.0.1:{node.AdminPort}/commands/mntr");

        Assert.Contains("\"znode_count\"", mntr);
        Assert.Equal("mntr is not executed because it is not in the whitelist.\n",
            await FourLetterWords.AskAsync(node.ClientPort, "mntr", TimeSpan.FromSeconds(5)));
    }
}
