using System.Text;
using AkkaZk.Config;

namespace AkkaZk.Zab;

/// <summary>
/// The text of /zookeeper/config (QuorumVerifier.toString): one "server.N=host:quorumPort:electionPort:role" line per
/// server, with ";clientAddress:clientPort" when the server line gives a client port, then "version=0" (static
/// membership: no reconfig, so the config version stays 0).
/// </summary>
public static class EnsembleConfigText
{
    public static byte[] For(IEnumerable<ServerSpec> servers)
    {
        var text = new StringBuilder();
        foreach (var s in servers.OrderBy(s => s.Id))
            text.Append("server.").Append(s.Id).Append('=').Append(ServerLine(s)).Append('\n');
        text.Append("version=0");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A server as /zookeeper/config and voting_view show it: host:quorumPort:electionPort:role[;client].</summary>
    public static string ServerLine(ServerSpec server)
    {
        var line = new StringBuilder()
            .Append(server.Host).Append(':').Append(server.QuorumPort).Append(':').Append(server.ElectionPort).Append(':')
            .Append(server.Role == PeerRole.Observer ? "observer" : "participant");
        if (server.ClientPort is { } port)
            line.Append(';').Append(server.ClientAddress ?? "0.0.0.0").Append(':').Append(port);
        return line.ToString();
    }
}
