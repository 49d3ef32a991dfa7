namespace AkkaZk.Config;

/// <summary>
/// A configuration that cannot be used. The message is one line naming the file, the line (when known) and the key,
/// e.g. <c>zoo.cfg:12: key 'tickTime': 'abc' is not a number</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, int? line, string? key, string problem)
        : base(Format(file, line, key, problem))
    {
        File = file;
        Line = line;
        Key = key;
        Problem = problem;
    }

    /// <summary>The file the bad value came from (its name as given), or "system properties" for a -D value.</summary>
    public string File { get; }

    /// <summary>1-based line in <see cref="File"/>, or null when the source has no lines (HOCON, -D, a missing key).</summary>
    public int? Line { get; }

    /// <summary>The key as written in the source (zoo.cfg key, HOCON path or -D name); null for a whole-line problem.</summary>
    public string? Key { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, int? line, string? key, string problem)
    {
        var where = line is { } l ? $"{file}:{l}" : file;
        return key is null ? $"{where}: {problem}" : $"{where}: key '{key}': {problem}";
    }
}
