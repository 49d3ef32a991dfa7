using System.Globalization;
using AkkaZk.ProcessTests.Infrastructure;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>What `srvr` says about a running server.</summary>
public static class ServerState
{
    /// <summary>The last processed zxid from srvr's "Zxid: 0x..." line.</summary>
    public static async Task<long> LastZxidAsync(int clientPort)
    {
        var srvr = await FourLetterWords.AskAsync(clientPort, "srvr", TimeSpan.FromSeconds(10))
            ?? throw new InvalidOperationException($"no srvr answer on port {clientPort}");
        var line = srvr.Split('\n').FirstOrDefault(l => l.StartsWith("Zxid:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"srvr without a Zxid line:\n{srvr}");
        var hex = line["Zxid:".Length..].Trim();
        return long.Parse(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
