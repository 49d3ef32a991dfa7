namespace AkkaZk.Config;

/// <summary>Java-style <c>-Dkey=value</c> arguments, which AkkaZk accepts in front of its own arguments.</summary>
public static class SystemProperties
{
    /// <summary>
    /// Splits the leading <c>-Dk=v</c> arguments (a bare <c>-Dk</c> means an empty value, as in Java) from the rest.
    /// Later duplicates win. Parsing stops at the first argument that is not a -D.
    /// </summary>
    public static (IReadOnlyDictionary<string, string> Properties, IReadOnlyList<string> Remaining) Parse(IEnumerable<string> args)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var list = args.ToList();
        var i = 0;
        for (; i < list.Count && list[i].StartsWith("-D", StringComparison.Ordinal) && list[i].Length > 2; i++)
        {
            var body = list[i][2..];
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq == 0)
            {
                break;
            }

            if (eq < 0)
            {
                properties[body] = "";
            }
            else
            {
                properties[body[..eq]] = body[(eq + 1)..];
            }
        }

        return (properties, list.Skip(i).ToList());
    }
}
