namespace AkkaZk.Config;

/// <summary>
/// Applies the system properties ZooKeeper's server classes read (set with -D, or by zoo.cfg keys ZooKeeper does
/// not know itself, which it turns into <c>zookeeper.&lt;key&gt;</c> properties), each with the same parsing rule
/// as the Java call that reads it.
/// </summary>
internal static class SystemPropertySettings
{
    public static NodeSettings Apply(NodeSettings s, IReadOnlyDictionary<string, RawSetting> props, List<string> warnings)
    {
        RawSetting? Get(string name) => props.GetValueOrDefault(name);

        if (Get(SystemPropertyNames.ContainerCheckIntervalMs) is { } containerCheck)
        {
            s = s with { ContainerCheckIntervalMs = JavaValues.DecodeInt(containerCheck) };
        }

        if (Get(SystemPropertyNames.CommitLogCount) is { } commitLog)
        {
            s = s with { CommitLogCount = JavaValues.DecodeInt(commitLog) };
        }

        if (Get(SystemPropertyNames.SnapCount) is { } snap)
        {
            s = s with { SnapCount = JavaValues.DecodeInt(snap) };
        }

        if (Get(SystemPropertyNames.PreAllocSize) is { } prealloc)
        {
            s = s with { PreAllocSizeKb = JavaValues.ParseLong(prealloc) };
        }

        if (Get(SystemPropertyNames.GlobalOutstandingLimit) is { } gol)
        {
            s = s with { GlobalOutstandingLimit = JavaValues.DecodeInt(gol) };
        }

        if (Get(SystemPropertyNames.MaxCnxns) is { } maxCnxns)
        {
            s = s with { MaxCnxns = JavaValues.DecodeInt(maxCnxns) };
        }

        if (Get(SystemPropertyNames.JuteMaxBuffer) is { } jute)
        {
            s = s with { JuteMaxBuffer = JavaValues.DecodeInt(jute) };
        }

        if (Get(SystemPropertyNames.AdminServerPort) is { } adminPort)
        {
            s = s with { AdminServerPort = JavaValues.DecodeInt(adminPort) };
        }

        if (Get(SystemPropertyNames.AdminServerAddress) is { } adminAddress)
        {
            s = s with { AdminServerAddress = adminAddress.Value };
        }

        if (Get(SystemPropertyNames.AdminCommandUrl) is { } commandUrl)
        {
            s = s with { AdminCommandUrl = commandUrl.Value };
        }

        if (Get(SystemPropertyNames.SuperDigest) is { } superDigest)
        {
            s = s with { SuperDigest = superDigest.Value };
        }

        // Flags read with string comparisons: Java never rejects them, so neither do we, but we say so.
        s = s with
        {
            ForceSync = Flag(Get(SystemPropertyNames.ForceSync), "yes", "no", ZkDefaults.ForceSync, v => v != "no", warnings),
            AdminEnableServer = Flag(Get(SystemPropertyNames.AdminEnableServer), "true", "false", ZkDefaults.AdminEnableServer, v => v != "false", warnings),
            SkipAcl = Flag(Get(SystemPropertyNames.SkipAcl), "yes", "no", ZkDefaults.SkipAcl, v => v == "yes", warnings),
            ReadOnlyModeEnabled = Flag(Get(SystemPropertyNames.ReadOnlyModeEnabled), "true", "false", ZkDefaults.ReadOnlyModeEnabled, v => v == "true", warnings),
            ExtendedTypesEnabled = Flag(Get(SystemPropertyNames.ExtendedTypesEnabled), "true", "false", ZkDefaults.ExtendedTypesEnabled, v => v.Equals("true", StringComparison.OrdinalIgnoreCase), warnings),
            SnapshotCompressionMethod = CompressionMethod(Get(SystemPropertyNames.SnapshotCompressionMethod), warnings),
            FourLetterWordWhitelist = (Get(SystemPropertyNames.FourLetterWordWhitelist)?.Value ?? "").Split(',').ToValueSet(), // completed by the validator
        };

        return s with { AuthProviders = AuthProviders(props, s.SecureClientPort is not null, warnings) };
    }

    private static bool Flag(RawSetting? raw, string yes, string no, bool fallback, Func<string, bool> rule, List<string> warnings)
    {
        if (raw is null)
        {
            return fallback;
        }

        var value = rule(raw.Value);
        if (raw.Value != yes && raw.Value != no)
        {
            warnings.Add($"{Where(raw)}: '{raw.Value}' is neither '{yes}' nor '{no}'; taken as {(value ? yes : no)}, as ZooKeeper does");
        }

        return value;
    }

    private static string CompressionMethod(RawSetting? raw, List<string> warnings)
    {
        if (raw is null)
        {
            return ZkDefaults.SnapshotCompressionMethod;
        }

        if (raw.Value is "gz" or "snappy" or "")
        {
            return raw.Value;
        }

        warnings.Add($"{Where(raw)}: unknown snapshot compression '{raw.Value}'; snapshots are not compressed, as in ZooKeeper");
        return ZkDefaults.SnapshotCompressionMethod;
    }

    private static IReadOnlySet<string> AuthProviders(IReadOnlyDictionary<string, RawSetting> props, bool secureClientPort, List<string> warnings)
    {
        var schemes = new List<string>(ZkDefaults.BuiltInAuthSchemes);
        foreach (var (name, raw) in props.Where(p => p.Key.StartsWith(SystemPropertyNames.AuthProviderPrefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (AuthProviderNames.SchemeOf(raw.Value) is { } scheme)
            {
                schemes.Add(scheme);
            }
            else
            {
                schemes.Add(raw.Value);
                warnings.Add($"{Where(raw)}: auth provider class '{raw.Value}' is unknown to AkkaZk ({name}); kept by name, no client can use it");
            }
        }

        // configureSSLAuth: a secure client port brings the x509 provider unless another scheme was chosen
        var sslScheme = props.GetValueOrDefault(SystemPropertyNames.SslAuthProvider)?.Value ?? "x509";
        if (secureClientPort && sslScheme == "x509")
        {
            schemes.Add("x509");
        }

        return schemes.ToValueSet();
    }

    private static string Where(RawSetting raw) => raw.Line is { } line ? $"{raw.File}:{line}: {raw.Key}" : $"{raw.File}: {raw.Key}";
}
