namespace AkkaZk.Data.Auth;

/// <summary>Java's String.split(regex) for a single literal character: trailing empty strings are dropped.</summary>
internal static class JavaSplit
{
    public static string[] Split(string value, char separator, int limit = 0)
    {
        if (limit > 0)
            return value.Split(separator, limit);
        if (value.Length == 0)
            return [""];
        var parts = value.Split(separator).ToList();
        while (parts.Count > 0 && parts[^1].Length == 0)
            parts.RemoveAt(parts.Count - 1);
        return [.. parts];
    }
}
