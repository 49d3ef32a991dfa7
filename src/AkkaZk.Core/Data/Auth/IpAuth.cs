using System.Net;
using System.Net.Sockets;

namespace AkkaZk.Data.Auth;

/// <summary>The "ip" scheme (IPAuthenticationProvider): ACL ids are an address or address/bits.</summary>
public static class IpAuth
{
    public const string Scheme = "ip";

    public static bool IsValid(string id)
    {
        var parts = id.Split('/', 2);
        var address = ToBytes(parts[0]);
        if (address is null)
            return false;
        return parts.Length < 2 || ParseBits(parts[1], address.Length) is not null;
    }

    public static bool Matches(string id, string aclExpr)
    {
        var parts = aclExpr.Split('/', 2);
        var aclAddress = ToBytes(parts[0]);
        if (aclAddress is null)
            return false;
        var bits = aclAddress.Length * 8;
        if (parts.Length == 2)
        {
            if (ParseBits(parts[1], aclAddress.Length) is not { } parsed)
                return false;
            bits = parsed;
        }
        var remote = ToBytes(id);
        if (remote is null || remote.Length != aclAddress.Length)
            return false;
        Mask(aclAddress, bits);
        Mask(remote, bits);
        return aclAddress.AsSpan().SequenceEqual(remote);
    }

    private static int? ParseBits(string text, int addressLength) =>
        int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var bits)
        && bits >= 0 && bits <= addressLength * 8
            ? bits
            : null;

    /// <summary>Dotted IPv4 with four decimal parts 0..255, or an IPv6 literal.</summary>
    private static byte[]? ToBytes(string address)
    {
        if (address.Contains(':'))
        {
            return IPAddress.TryParse(address, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? v6.GetAddressBytes()
                : null;
        }
        var parts = address.Split('.');
        if (parts.Length != 4)
            return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || value < 0 || value > 255)
                return null;
            bytes[i] = (byte)value;
        }
        return bytes;
    }

    private static void Mask(byte[] bytes, int bits)
    {
        var start = bits / 8;
        var startMask = (1 << (8 - (bits % 8))) - 1;
        startMask = ~startMask;
        for (var i = start; i < bytes.Length; i++)
        {
            bytes[i] &= (byte)startMask;
            startMask = 0;
        }
    }
}
