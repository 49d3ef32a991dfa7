using System.Text;
using System.Text.Json;

namespace AkkaZk.Cli.Status;

/// <summary>
/// `akkazk cluster host:port`: the ensemble as one server sees it. From the admin port, the "cluster" command gives
/// every server's Zab state, last zxid and lag, and its Akka.Cluster membership; from a client port, the conf
/// four-letter word gives the membership and srvr this server's mode.
/// </summary>
public static class ClusterView
{
    public static async Task<string> ReadAsync(string host, int port)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            return Format(await http.GetStringAsync($"http://{host}:{port}/commands/cluster"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            var conf = await NodeStatus.FourLetterWordAsync(host, port, "conf");
            var srvr = NodeStatus.ParseSrvr(await NodeStatus.FourLetterWordAsync(host, port, "srvr"));
            return FormatFromClientPort(conf, srvr.Mode);
        }
    }

    /// <summary>The admin server's cluster JSON as a table, one line per server.</summary>
    public static string Format(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            throw new InvalidOperationException(error.GetString());
        var servers = root.GetProperty("servers");
        if (servers.GetArrayLength() == 0)
            return "standalone node: no ensemble\n";
        var text = new StringBuilder();
        text.Append($"leader: {Value(root, "leader_id")}, epoch {Value(root, "epoch")} (as server {Value(root, "my_id")} sees it)\n");
        text.Append($"{"id",-3} {"role",-12} {"state",-12} {"last zxid",-14} {"lag",-6} {"member",-10} {"reachable",-9} address\n");
        foreach (var s in servers.EnumerateArray())
        {
            text.Append($"{Value(s, "id"),-3} {Value(s, "role"),-12} {Value(s, "state"),-12} {Value(s, "last_zxid"),-14} " +
                        $"{Value(s, "lag"),-6} {Value(s, "member_status"),-10} {Value(s, "reachable"),-9} {Value(s, "address")}\n");
        }
        return text.ToString();
    }

    public static string FormatFromClientPort(string conf, string mode)
    {
        var text = new StringBuilder($"this server: {mode}\n");
        var members = conf.Split('\n').Where(l => l.StartsWith("server.", StringComparison.Ordinal)).ToList();
        if (members.Count == 0)
            return text.Append("standalone node: no ensemble\n").ToString();
        text.Append("membership (from conf):\n");
        foreach (var line in members)
            text.Append("  ").Append(line).Append('\n');
        text.Append("each server's state, zxid and lag: give the admin port (admin.serverPort) instead of the client port\n");
        return text.ToString();
    }

    private static string Value(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? "-" : v.ValueKind switch
        {
            JsonValueKind.Null => "-",
            JsonValueKind.String => v.GetString() ?? "-",
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => v.ToString(),
        };
}
