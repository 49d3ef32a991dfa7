using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AkkaZk.Cli.Status;

/// <summary>What `akkazk status` shows of one node, read from its admin server or from srvr on its client port.</summary>
public sealed record NodeStatus(
    string Source, string Mode, string Version, long Zxid, long Connections, long Outstanding,
    string Latency, long Received, long Sent, long NodeCount)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The admin server's server_stats first; if the port does not speak HTTP, the srvr four-letter word.</summary>
    public static async Task<NodeStatus> ReadAsync(string host, int port)
    {
        try
        {
            return await FromAdminAsync(host, port);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            return ParseSrvr(await FourLetterWordAsync(host, port, "srvr"));
        }
    }

    private static async Task<NodeStatus> FromAdminAsync(string host, int port)
    {
        using var http = new HttpClient { Timeout = Timeout };
        var json = await http.GetStringAsync($"http://{host}:{port}/commands/server_stats");
        return ParseServerStats(json);
    }

    /// <summary>The admin server's server_stats JSON (ZooKeeper 3.8 field names).</summary>
    public static NodeStatus ParseServerStats(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            throw new InvalidOperationException(error.GetString());
        var s = root.GetProperty("server_stats");
        var avg = s.GetProperty("avg_latency").GetDouble().ToString("0.0###", CultureInfo.InvariantCulture);
        return new NodeStatus(
            "admin server",
            s.GetProperty("server_state").GetString() ?? "",
            root.GetProperty("version").GetString() ?? "",
            s.GetProperty("last_processed_zxid").GetInt64(),
            s.GetProperty("num_alive_client_connections").GetInt64(),
            s.GetProperty("outstanding_requests").GetInt64(),
            $"{s.GetProperty("min_latency").GetInt64()}/{avg}/{s.GetProperty("max_latency").GetInt64()}",
            s.GetProperty("packets_received").GetInt64(),
            s.GetProperty("packets_sent").GetInt64(),
            root.GetProperty("node_count").GetInt64());
    }

    /// <summary>srvr's "Key: value" lines.</summary>
    public static NodeStatus ParseSrvr(string text)
    {
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim());
        if (!fields.ContainsKey("Mode"))
            throw new IOException(text.Trim().Length == 0 ? "no answer to srvr" : text.Trim());
        long Number(string key) => long.TryParse(fields.GetValueOrDefault(key), out var n) ? n : 0;
        var zxid = fields.GetValueOrDefault("Zxid", "0x0");
        return new NodeStatus(
            "client port (srvr)",
            fields["Mode"],
            fields.GetValueOrDefault("Zookeeper version", ""),
            long.Parse(zxid.StartsWith("0x", StringComparison.Ordinal) ? zxid[2..] : zxid, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            Number("Connections"),
            Number("Outstanding"),
            fields.GetValueOrDefault("Latency min/avg/max", ""),
            Number("Received"),
            Number("Sent"),
            Number("Node count"));
    }

    public static async Task<string> FourLetterWordAsync(string host, int port, string word)
    {
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(host, port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(word), cancel.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancel.Token);
    }

    /// <summary>zkServer.sh status's "Mode:" line first, then the figures.</summary>
    public string Describe(string target) => string.Join('\n',
    [
        $"Server: {target} (read from the {Source})",
        $"Mode: {Mode}",
        $"Version: {Version}",
        $"Zxid: 0x{Zxid:x}",
        $"Connections: {Connections}",
        $"Outstanding: {Outstanding}",
        $"Latency min/avg/max: {Latency}",
        $"Received: {Received}",
        $"Sent: {Sent}",
        $"Node count: {NodeCount}",
        "",
    ]);
}
