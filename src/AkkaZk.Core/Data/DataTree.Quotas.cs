using System.Text;

namespace AkkaZk.Data;

/// <summary>
/// Quota bookkeeping as ZooKeeper 3.8 keeps it (no enforcement: zookeeper.enforceQuota is off by default).
/// A zookeeper_limits node under /zookeeper/quota/&lt;path&gt; marks &lt;path&gt; as quota'd; its sibling zookeeper_stats
/// holds "count=N,bytes=M" for the subtree, rewritten in place (no version change) as the subtree changes.
/// </summary>
public sealed partial class DataTree
{
    public const string QuotaLimitNode = "zookeeper_limits";
    public const string QuotaStatNode = "zookeeper_stats";

    private readonly HashSet<string> _quotaPaths = new(StringComparer.Ordinal);

    /// <summary>Paths with a quota (ZooKeeper's pTrie).</summary>
    public IReadOnlyCollection<string> QuotaPaths => _quotaPaths;

    private void OnQuotaCreate(string parentName, string childName, string path, byte[]? data)
    {
        if (parentName.StartsWith(QuotaPath, StringComparison.Ordinal))
        {
            if (childName == QuotaLimitNode && TrimQuotaPath(parentName) is { Length: > 0 } limited)
                _quotaPaths.Add(limited);
            if (childName == QuotaStatNode && TrimQuotaPath(parentName) is { Length: > 0 } counted)
                RecountQuota(counted);
        }
        if (MaxQuotaPrefix(path) is { } prefix)
            AddToQuotaStat(prefix, data?.Length ?? 0, 1);
    }

    private void OnQuotaDelete(string parentName, string childName, string path, byte[]? data)
    {
        if (parentName.StartsWith(ProcPath, StringComparison.Ordinal) && childName == QuotaLimitNode)
            _quotaPaths.Remove(TrimQuotaPath(parentName));
        if (MaxQuotaPrefix(path) is { } prefix)
            AddToQuotaStat(prefix, -(data?.Length ?? 0), -1);
    }

    private void OnQuotaSetData(string path, byte[]? oldData, byte[]? newData)
    {
        if (MaxQuotaPrefix(path) is { } prefix)
            AddToQuotaStat(prefix, (newData?.Length ?? 0) - (oldData?.Length ?? 0), 0);
    }

    /// <summary>setupQuota after a snapshot load: every limit node re-registers its path and recounts it.</summary>
    private void RebuildQuotas()
    {
        _quotaPaths.Clear();
        if (!_nodes.ContainsKey(QuotaPath))
            return;
        var stack = new Stack<string>();
        stack.Push(QuotaPath);
        const string limitSuffix = "/" + QuotaLimitNode;
        while (stack.Count > 0)
        {
            var path = stack.Pop();
            var node = _nodes[path];
            if (node.ChildCount == 0)
            {
                if (path.EndsWith(limitSuffix, StringComparison.Ordinal))
                {
                    var real = path[QuotaPath.Length..path.IndexOf(limitSuffix, StringComparison.Ordinal)];
                    RecountQuota(real);
                    if (real.Length > 0)
                        _quotaPaths.Add(real);
                }
                continue;
            }
            foreach (var child in node.Children)
                stack.Push(path + "/" + child);
        }
    }

    private static string TrimQuotaPath(string quotaPath) => quotaPath[QuotaPath.Length..];

    private static string StatPathOf(string path) => QuotaPath + path + "/" + QuotaStatNode;

    /// <summary>getMaxPrefixWithQuota: the deepest quota'd ancestor-or-self of a path; never the root.</summary>
    private string? MaxQuotaPrefix(string path)
    {
        if (_quotaPaths.Count == 0)
            return null;
        string? deepest = null;
        for (var slash = path.IndexOf('/', 1); ; slash = path.IndexOf('/', slash + 1))
        {
            var prefix = slash < 0 ? path : path[..slash];
            if (_quotaPaths.Contains(prefix))
                deepest = prefix;
            if (slash < 0)
                break;
        }
        return deepest;
    }

    /// <summary>updateQuotaForPath: count the subtree's nodes and bytes into its stat node.</summary>
    private void RecountQuota(string path)
    {
        long count = 0, bytes = 0;
        var stack = new Stack<string>();
        stack.Push(path);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!_nodes.TryGetValue(current, out var node))
                continue;
            count++;
            bytes += node.Data?.Length ?? 0;
            foreach (var child in node.Children)
                stack.Push(current + "/" + child);
        }
        if (_nodes.TryGetValue(StatPathOf(path), out var stat))
            stat.Data = QuotaStats(count, bytes);
    }

    /// <summary>updateQuotaStat: adjust count and bytes in the stat node (values not in it count as -1, as StatsTrack reads them).</summary>
    private void AddToQuotaStat(string prefix, long bytesDiff, int countDiff)
    {
        if (!_nodes.TryGetValue(StatPathOf(prefix), out var stat))
            return;
        var (count, bytes) = ParseQuotaStats(stat.Data);
        stat.Data = QuotaStats(count + countDiff, bytes + bytesDiff);
    }

    private static byte[] QuotaStats(long count, long bytes) => Encoding.UTF8.GetBytes($"count={count},bytes={bytes}");

    private static (long Count, long Bytes) ParseQuotaStats(byte[]? data)
    {
        long count = -1, bytes = -1;
        if (data is null || data.Length == 0)
            return (count, bytes);
        foreach (var pair in Encoding.UTF8.GetString(data).Split([',', ';']))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !long.TryParse(kv[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
                continue;
            if (kv[0] == "count")
                count = value;
            else if (kv[0] == "bytes")
                bytes = value;
        }
        return (count, bytes);
    }
}
