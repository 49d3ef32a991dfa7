using System.Text;

namespace AkkaZk.Config;

/// <summary>
/// The -D properties ZooKeeper reads, as a HOCON layer for a node configured by a .conf file: placed between the
/// node's file and reference.conf, so a value in the file wins, as a zoo.cfg key wins over -D in ZooKeeper.
/// </summary>
public static class SystemPropertyOverrides
{
    public static string ToHocon(IReadOnlyDictionary<string, string> systemProperties)
    {
        var props = systemProperties.ToDictionary(
            p => p.Key, p => new RawSetting(p.Key, p.Value, ZooCfgParser.SystemPropertiesSource, null), StringComparer.Ordinal);
        var warnings = new List<string>();
        var s = SystemPropertySettings.Apply(new NodeSettings { DataDir = "", DataLogDir = "" }, props, warnings);
        bool Has(string name) => systemProperties.ContainsKey(name);
        string Bool(bool b) => b ? "true" : "false";

        var lines = new List<string>();
        void Add(string property, string key, string literal)
        {
            if (Has(property))
            {
                lines.Add($"{key} = {literal}");
            }
        }

        Add(SystemPropertyNames.SnapCount, HoconKeys.SnapCount, JavaValues.Format(s.SnapCount));
        Add(SystemPropertyNames.ContainerCheckIntervalMs, HoconKeys.ContainerCheckIntervalMs, JavaValues.Format(s.ContainerCheckIntervalMs));
        Add(SystemPropertyNames.CommitLogCount, HoconKeys.CommitLogCount, JavaValues.Format(s.CommitLogCount));
        Add(SystemPropertyNames.PreAllocSize, HoconKeys.PreAllocSize, JavaValues.Format(s.PreAllocSizeKb));
        Add(SystemPropertyNames.ForceSync, HoconKeys.ForceSync, Bool(s.ForceSync));
        Add(SystemPropertyNames.GlobalOutstandingLimit, HoconKeys.GlobalOutstandingLimit, JavaValues.Format(s.GlobalOutstandingLimit));
        Add(SystemPropertyNames.MaxCnxns, HoconKeys.MaxCnxns, JavaValues.Format(s.MaxCnxns));
        Add(SystemPropertyNames.FourLetterWordWhitelist, HoconKeys.FourLetterWordsWhitelist,
            "[" + string.Join(", ", s.FourLetterWordWhitelist.Select(w => w.Trim()).Where(w => w.Length > 0).Select(HoconRenderer.Quote)) + "]");
        Add(SystemPropertyNames.ReadOnlyModeEnabled, HoconKeys.ReadOnlyModeEnabled, Bool(s.ReadOnlyModeEnabled));
        Add(SystemPropertyNames.AdminEnableServer, HoconKeys.AdminEnableServer, Bool(s.AdminEnableServer));
        Add(SystemPropertyNames.AdminServerAddress, HoconKeys.AdminServerAddress, HoconRenderer.Quote(s.AdminServerAddress));
        Add(SystemPropertyNames.AdminServerPort, HoconKeys.AdminServerPort, JavaValues.Format(s.AdminServerPort));
        Add(SystemPropertyNames.AdminCommandUrl, HoconKeys.AdminCommandUrl, HoconRenderer.Quote(s.AdminCommandUrl));
        Add(SystemPropertyNames.JuteMaxBuffer, HoconKeys.JuteMaxBuffer, JavaValues.Format(s.JuteMaxBuffer));
        Add(SystemPropertyNames.SuperDigest, HoconKeys.SuperDigest, HoconRenderer.Quote(s.SuperDigest ?? ""));
        Add(SystemPropertyNames.ExtendedTypesEnabled, HoconKeys.ExtendedTypesEnabled, Bool(s.ExtendedTypesEnabled));
        Add(SystemPropertyNames.SkipAcl, HoconKeys.SkipAcl, Bool(s.SkipAcl));
        Add(SystemPropertyNames.SnapshotCompressionMethod, HoconKeys.SnapshotCompressionMethod, HoconRenderer.Quote(s.SnapshotCompressionMethod));
        if (systemProperties.Keys.Any(k => k.StartsWith(SystemPropertyNames.AuthProviderPrefix, StringComparison.Ordinal)))
        {
            lines.Add($"{HoconKeys.AuthProviders} = [{string.Join(", ", s.AuthProviders.Select(HoconRenderer.Quote))}]");
        }

        var consumed = new HashSet<string>(SystemPropertyNames.All, StringComparer.Ordinal);
        var extra = systemProperties
            .Where(p => p.Key.StartsWith(ZooCfgKeys.SystemPropertyPrefix, StringComparison.Ordinal) && !consumed.Contains(p.Key)
                        && !p.Key.StartsWith(SystemPropertyNames.AuthProviderPrefix, StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"  {HoconRenderer.Quote(p.Key[ZooCfgKeys.SystemPropertyPrefix.Length..])} = {HoconRenderer.Quote(p.Value)}")
            .ToList();

        var sb = new StringBuilder(HoconKeys.Root).Append(" {\n");
        foreach (var line in lines)
        {
            sb.Append("  ").Append(line).Append('\n');
        }

        if (extra.Count > 0)
        {
            sb.Append("  ").Append(HoconKeys.ZooKeeper).Append(" {\n");
            foreach (var line in extra)
            {
                sb.Append("  ").Append(line).Append('\n');
            }

            sb.Append("  }\n");
        }

        return sb.Append("}\n").ToString();
    }
}
