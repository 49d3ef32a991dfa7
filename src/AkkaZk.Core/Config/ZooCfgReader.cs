using System.Globalization;
using System.Text;

namespace AkkaZk.Config;

/// <summary>One <c>key=value</c> of a zoo.cfg, with the line it started on.</summary>
public sealed record ZooCfgEntry(string Key, string Value, int Line);

/// <summary>
/// Splits zoo.cfg text into entries the way java.util.Properties reads it (comments with # or !, a trailing
/// backslash continues the line, \-escapes), except that a line must contain '=': ZooKeeper's own files always
/// do, and a key without value is almost always a typo we would rather report.
/// </summary>
public static class ZooCfgReader
{
    public static IReadOnlyList<ZooCfgEntry> Read(string fileName, string text)
    {
        var entries = new List<ZooCfgEntry>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            var logical = lines[i].TrimStart();
            if (logical.Length == 0 || logical[0] is '#' or '!')
            {
                continue;
            }

            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical = logical[..^1] + lines[++i].TrimStart();
            }

            var eq = IndexOfUnescaped(logical, '=');
            if (eq < 0)
            {
                throw new ConfigException(fileName, startLine, null, $"'{logical.Trim()}' is not of the form key=value");
            }

            var key = Unescape(logical[..eq].Trim());
            var value = Unescape(logical[(eq + 1)..].Trim());
            if (key.Length == 0)
            {
                throw new ConfigException(fileName, startLine, null, $"'{logical.Trim()}' has no key before '='");
            }

            entries.Add(new ZooCfgEntry(key, value, startLine));
        }

        return entries;
    }

    // An odd number of trailing backslashes continues the line.
    private static bool EndsWithContinuation(string line)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static int IndexOfUnescaped(string s, char c)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length)
            {
                sb.Append(s[i]);
                continue;
            }

            var next = s[++i];
            switch (next)
            {
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < s.Length && int.TryParse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(next); break;
            }
        }

        return sb.ToString();
    }
}
