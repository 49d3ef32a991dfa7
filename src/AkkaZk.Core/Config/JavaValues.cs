using System.Globalization;

namespace AkkaZk.Config;

/// <summary>A raw setting and where it came from, so any problem with it can name file, line and key.</summary>
internal sealed record RawSetting(string Key, string Value, string File, int? Line)
{
    public ConfigException Fail(string problem) => new(File, Line, Key, problem);
}

/// <summary>Value parsing with the same accept/reject rules as the Java calls ZooKeeper uses.</summary>
internal static class JavaValues
{
    /// <summary>Integer.parseInt: optional sign and decimal digits, nothing else.</summary>
    public static int ParseInt(RawSetting raw) =>
        int.TryParse(raw.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw raw.Fail($"'{raw.Value}' is not a number");

    /// <summary>Long.parseLong.</summary>
    public static long ParseLong(RawSetting raw) =>
        long.TryParse(raw.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw raw.Fail($"'{raw.Value}' is not a number");

    /// <summary>
    /// Integer.getInteger / Integer.decode, used for -D properties: decimal, 0x/0X/# hex, leading-0 octal.
    /// Java silently falls back to the default on a bad value; we report it instead.
    /// </summary>
    public static int DecodeInt(RawSetting raw)
    {
        var s = raw.Value.Trim();
        var negative = s.StartsWith('-');
        var digits = negative || s.StartsWith('+') ? s[1..] : s;
        var (radix, body) =
            digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? (16, digits[2..])
            : digits.StartsWith('#') ? (16, digits[1..])
            : digits.Length > 1 && digits[0] == '0' ? (8, digits[1..])
            : (10, digits);
        var valid = body.Length > 0 && body.All(c => radix switch
        {
            16 => char.IsAsciiHexDigit(c),
            8 => c is >= '0' and <= '7',
            _ => char.IsAsciiDigit(c),
        });
        if (valid && body.TrimStart('0').Length <= 12)
        {
            // at most 12 significant digits: never overflows a long, and anything longer is out of int range anyway
            var value = Convert.ToInt64(body, radix) * (negative ? -1 : 1);
            if (value is >= int.MinValue and <= int.MaxValue)
            {
                return (int)value;
            }
        }

        throw raw.Fail($"'{raw.Value}' is not a number");
    }

    /// <summary>QuorumPeerConfig.parseBoolean: "true" or "false", any case, nothing else.</summary>
    public static bool ParseBoolean(RawSetting raw) =>
        raw.Value.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : raw.Value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : throw raw.Fail($"'{raw.Value}' is not 'true' or 'false'");

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
