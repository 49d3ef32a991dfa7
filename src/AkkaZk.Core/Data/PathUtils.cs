namespace AkkaZk.Data;

/// <summary>ZooKeeper's znode path rules (PathUtils.validatePath): violations are BadArguments on the server.</summary>
public static class PathUtils
{
    /// <summary>Null when the path is valid, else the reason it is not.</summary>
    public static string? Invalid(string? path)
    {
        if (path is null)
            return "Path cannot be null";
        if (path.Length == 0)
            return "Path length must be > 0";
        if (path[0] != '/')
            return "Path must start with / character";
        if (path.Length == 1)
            return null;
        if (path[^1] == '/')
            return "Path must not end with / character";

        var last = '/';
        for (var i = 1; i < path.Length; last = path[i], i++)
        {
            var c = path[i];
            var endsSegment = i + 1 == path.Length || path[i + 1] == '/';
            if (c == '\0')
                return $"null character not allowed @{i}";
            if (c == '/' && last == '/')
                return $"empty node name specified @{i}";
            if (c == '.' && last == '.')
            {
                if (path[i - 2] == '/' && endsSegment)
                    return $"relative paths not allowed @{i}";
            }
            else if (c == '.')
            {
                if (path[i - 1] == '/' && endsSegment)
                    return $"relative paths not allowed @{i}";
            }
            else if (c is > '\u0000' and <= '\u001f' or >= '\u007f' and <= '\u009f' or >= '\ud800' and <= '\uf8ff' or >= '\ufff0')
            {
                return $"invalid character @{i}";
            }
        }
        return null;
    }

    public static bool IsValid(string? path) => Invalid(path) is null;

    /// <summary>The parent as ZooKeeper computes it: everything before the last '/', so "" for children of the root.</summary>
    public static string ParentOf(string path) => path[..path.LastIndexOf('/')];

    public static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];
}
