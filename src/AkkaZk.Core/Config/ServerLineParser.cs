namespace AkkaZk.Config;

/// <summary>
/// The quorum lines of a zoo.cfg: <c>server.N</c>, <c>group.N</c>, <c>weight.N</c> (QuorumPeer.QuorumServer,
/// QuorumHierarchical). Ports are checked for range later, with every other port, by the validator.
/// </summary>
internal static class ServerLineParser
{
    public const string Format = "host:quorumPort:electionPort[:participant|observer][;[clientAddress:]clientPort]";

    public static long ParseId(RawSetting raw, string prefix)
    {
        var idText = raw.Key[prefix.Length..];
        return long.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw raw.Fail($"'{idText}' after '{prefix}' is not a number");
    }

    public static ServerSpec ParseServer(RawSetting raw)
    {
        var id = ParseId(raw, "server.");
        var serverAndClient = raw.Value.Split(';');
        if (serverAndClient.Length > 2)
        {
            throw Malformed(raw);
        }

        if (serverAndClient[0].Contains('|', StringComparison.Ordinal))
        {
            throw raw.Fail("multiple addresses separated by '|' are not supported");
        }

        var serverParts = SplitHostAndPorts(raw, serverAndClient[0].Trim());
        if (serverParts.Length is < 3 or > 4)
        {
            throw Malformed(raw);
        }

        var host = serverParts[0];
        var quorumPort = Port(raw, serverParts[1]);
        var electionPort = Port(raw, serverParts[2]);
        var role = serverParts.Length == 4 ? ParseRole(raw, serverParts[3]) : PeerRole.Participant;

        string? clientAddress = null;
        int? clientPort = null;
        if (serverAndClient.Length == 2)
        {
            var clientParts = SplitHostAndPorts(raw, serverAndClient[1].Trim());
            if (clientParts.Length > 2)
            {
                throw Malformed(raw);
            }

            // "2181" alone listens on every interface, as ZooKeeper's "0.0.0.0" default
            clientAddress = clientParts.Length == 2 ? clientParts[0] : ZkDefaults.AnyAddress;
            clientPort = Port(raw, clientParts[^1]);
        }

        if (host.Length == 0)
        {
            throw Malformed(raw);
        }

        return new ServerSpec(id, host, quorumPort, electionPort, role, clientAddress, clientPort);
    }

    /// <summary>"participant" or "observer", any case (QuorumServer.getType / peerType).</summary>
    public static PeerRole ParseRole(RawSetting raw, string text) =>
        text.Trim().ToLowerInvariant() switch
        {
            "participant" => PeerRole.Participant,
            "observer" => PeerRole.Observer,
            _ => throw raw.Fail($"unknown peer type '{text.Trim()}' (participant or observer)"),
        };

    public static (long Group, IReadOnlyList<long> Members) ParseGroup(RawSetting raw)
    {
        var group = ParseId(raw, "group.");
        var members = raw.Value.Split(':').Select(m =>
            long.TryParse(m.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sid)
                ? sid
                : throw raw.Fail($"'{raw.Value}' is not a list of server ids separated by ':'")).ToList();
        return (group, members);
    }

    public static (long Server, long Weight) ParseWeight(RawSetting raw) =>
        (ParseId(raw, "weight."), JavaValues.ParseLong(raw));

    // host:port:port, or [ipv6]:port:port (ConfigUtils.getHostAndPort)
    private static string[] SplitHostAndPorts(RawSetting raw, string text)
    {
        if (!text.StartsWith('['))
        {
            return text.Split(':').Select(p => p.Trim()).ToArray();
        }

        var close = text.IndexOf(']', StringComparison.Ordinal);
        if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
        {
            throw Malformed(raw);
        }

        var rest = close + 1 < text.Length ? text[(close + 2)..].Split(':').Select(p => p.Trim()) : [];
        return [text[1..close], .. rest];
    }

    private static int Port(RawSetting raw, string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? port
            : throw raw.Fail($"port '{text}' is not a number");

    private static ConfigException Malformed(RawSetting raw) =>
        raw.Fail($"'{raw.Value}' is not of the form {Format}");
}
