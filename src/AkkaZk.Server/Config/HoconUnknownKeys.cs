namespace AkkaZk.Config;

using Akka.Configuration.Hocon;
using HoconConfig = Akka.Configuration.Config;

/// <summary>
/// Keys under <c>akkazk</c> that reference.conf does not define: almost always typos, which HOCON would otherwise
/// ignore in silence. Reported as warnings, like ZooKeeper's unknown zoo.cfg keys are not fatal either.
/// </summary>
internal static class HoconUnknownKeys
{
    // objects whose keys are free-form
    private static readonly HashSet<string> FreeForm = new(StringComparer.Ordinal)
    {
        HoconKeys.ZooKeeper, HoconKeys.Unsupported, HoconKeys.MetricsProviderProperties,
    };

    private static readonly Lazy<HashSet<string>> Known = new(() =>
        Leaves(ReferenceConfig.Load().GetValue(HoconKeys.Root), "").ToHashSet(StringComparer.Ordinal));

    public static IReadOnlyList<string> Find(HoconConfig config)
    {
        var root = config.GetValue(HoconKeys.Root);
        return root is null
            ? []
            : Leaves(root, "").Where(k => !Known.Value.Contains(k)).Select(k => $"{HoconKeys.Root}.{k}").ToList();
    }

    private static IEnumerable<string> Leaves(HoconValue value, string path)
    {
        if (!value.IsObject() || FreeForm.Contains(path))
        {
            return [path];
        }

        return value.GetObject().Items.SelectMany(kv => Leaves(kv.Value, path.Length == 0 ? kv.Key : $"{path}.{kv.Key}"));
    }
}
