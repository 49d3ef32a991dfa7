namespace AkkaZk.Config;

/// <summary>
/// Reads a zoo.cfg the way Apache ZooKeeper 3.8's QuorumPeerConfig does: its own keys with its defaults, every
/// other key as the system property <c>zookeeper.&lt;key&gt;</c> (which beats a -D of the same name, since
/// ZooKeeper sets it after the JVM started), dataDir/myid for an ensemble member. Either the whole file is valid
/// and fully-derived settings come back, or a <see cref="ConfigException"/> names file, line and key.
/// </summary>
public static class ZooCfgParser
{
    /// <summary>The "file" named in errors and warnings about -D values.</summary>
    public const string SystemPropertiesSource = "system properties";

    /// <summary>Reads dataDir/myid from disk: its text, or null when there is no such file.</summary>
    public static string? ReadMyIdFile(string myIdPath) => File.Exists(myIdPath) ? File.ReadAllText(myIdPath) : null;

    /// <param name="fileName">Name used in messages (e.g. "zoo.cfg" or the path given on the command line).</param>
    /// <param name="text">The zoo.cfg content.</param>
    /// <param name="systemProperties">-D properties (see <see cref="SystemProperties.Parse"/>).</param>
    /// <param name="readMyId">Given the path of dataDir/myid, returns its text or null if absent; called only when server.N lines exist.</param>
    public static NodeSettings Parse(
        string fileName,
        string text,
        IReadOnlyDictionary<string, string> systemProperties,
        Func<string, string?> readMyId)
    {
        var entries = ZooCfgReader.Read(fileName, text);
        var known = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        var quorumLines = new List<RawSetting>();
        var metrics = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        var unsupported = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        var props = systemProperties.ToDictionary(
            p => p.Key, p => new RawSetting(p.Key, p.Value, SystemPropertiesSource, null), StringComparer.Ordinal);
        var fromFile = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        var warnings = new List<string>();

        foreach (var entry in entries)
        {
            var raw = new RawSetting(entry.Key, entry.Value, fileName, entry.Line);
            var key = entry.Key;
            if (ZooCfgKeys.Known.Contains(key))
            {
                known[key] = raw; // java.util.Properties: the last line wins
            }
            else if (key.StartsWith("server.", StringComparison.Ordinal) || key.StartsWith("group.", StringComparison.Ordinal) || key.StartsWith("weight.", StringComparison.Ordinal))
            {
                quorumLines.Add(raw);
            }
            else if (key.StartsWith(ZooCfgKeys.MetricsPrefix, StringComparison.Ordinal))
            {
                metrics[key[ZooCfgKeys.MetricsPrefix.Length..]] = raw;
            }
            else if (ZooCfgKeys.Unsupported.ContainsKey(key))
            {
                unsupported[key] = raw;
            }
            else
            {
                var property = ZooCfgKeys.SystemPropertyPrefix + key;
                props[property] = raw;
                fromFile[property] = raw;
                if (ZooCfgKeys.Ineffective.TryGetValue(key, out var real))
                {
                    warnings.Add($"{fileName}:{entry.Line}: {key} in a zoo.cfg becomes {property}, which ZooKeeper never reads; set -D{real} instead");
                }
            }
        }

        if (known.TryGetValue("dynamicConfigFile", out var dynamic))
        {
            throw quorumLines.FirstOrDefault() is { } line
                ? line.Fail("must be in a separate dynamic config file when dynamicConfigFile is set")
                : dynamic.Fail("a separate dynamic config file is not supported; list the server.N lines in this file");
        }

        var draft = ReadKnown(fileName, known) with
        {
            Unsupported = unsupported.ToDictionary(u => u.Key, u => CheckedUnsupported(u.Value)),
        };
        draft = ReadMetrics(draft, metrics, warnings);
        draft = ReadQuorum(draft, quorumLines);
        draft = SystemPropertySettings.Apply(draft, props, warnings);
        draft = draft with { Extra = ExtraProperties(props, fromFile) };

        if (draft.Servers.Count > 0)
        {
            draft = draft with { MyId = ReadMyId(draft.DataDir, readMyId) };
        }

        if (unsupported.Count > 0)
        {
            warnings.Add($"{fileName}: accepted but not supported by AkkaZk: {string.Join(", ", unsupported.Keys.Order(StringComparer.Ordinal))}");
        }

        draft = draft with { Warnings = warnings };
        return NodeSettingsValidator.Complete(draft, (key, problem) => Locate(fileName, key, known, quorumLines, metrics, props).Fail(problem));
    }

    private static NodeSettings ReadKnown(string fileName, Dictionary<string, RawSetting> known)
    {
        int? Int(string key) => known.TryGetValue(key, out var raw) ? JavaValues.ParseInt(raw) : null;
        bool? Bool(string key) => known.TryGetValue(key, out var raw) ? JavaValues.ParseBoolean(raw) : null;
        string? Text(string key) => known.GetValueOrDefault(key)?.Value;
        int? PortOrUnset(string key) => Int(key) is { } p && p != 0 ? p : null; // ZooKeeper: 0 = not set

        if (!known.TryGetValue("dataDir", out var dataDir) || dataDir.Value.Length == 0)
        {
            throw new ConfigException(fileName, dataDir?.Line, "dataDir", "dataDir is not set");
        }

        var observerMasterPort = Int("observerMasterPort");
        return new NodeSettings
        {
            DataDir = dataDir.Value,
            DataLogDir = Text("dataLogDir") ?? dataDir.Value,
            TickTime = Int("tickTime") ?? ZkDefaults.TickTime,
            InitLimit = Int("initLimit") ?? ZkDefaults.InitLimit,
            SyncLimit = Int("syncLimit") ?? ZkDefaults.SyncLimit,
            ConnectToLearnerMasterLimit = Int("connectToLearnerMasterLimit") ?? ZkDefaults.ConnectToLearnerMasterLimit,
            ClientPort = PortOrUnset("clientPort"),
            ClientPortAddress = Text("clientPortAddress") ?? ZkDefaults.AnyAddress,
            SecureClientPort = PortOrUnset("secureClientPort"),
            SecureClientPortAddress = Text("secureClientPortAddress") ?? ZkDefaults.AnyAddress,
            ObserverMasterPort = observerMasterPort > 0 ? observerMasterPort : null,
            ClientPortListenBacklog = Int("clientPortListenBacklog") ?? ZkDefaults.ClientPortListenBacklog,
            MaxClientCnxns = Int("maxClientCnxns") ?? ZkDefaults.MaxClientCnxns,
            MinSessionTimeout = Int("minSessionTimeout") ?? ZkDefaults.SessionTimeoutUnset,
            MaxSessionTimeout = Int("maxSessionTimeout") ?? ZkDefaults.SessionTimeoutUnset,
            ElectionAlg = Int("electionAlg") ?? ZkDefaults.ElectionAlg,
            QuorumListenOnAllIPs = Bool("quorumListenOnAllIPs") ?? ZkDefaults.QuorumListenOnAllIPs,
            PeerType = known.TryGetValue("peerType", out var peerType) ? ServerLineParser.ParseRole(peerType, peerType.Value) : PeerRole.Participant,
            SyncEnabled = Bool("syncEnabled") ?? ZkDefaults.SyncEnabled,
            AutopurgeSnapRetainCount = Int("autopurge.snapRetainCount") ?? ZkDefaults.AutopurgeSnapRetainCount,
            AutopurgePurgeIntervalHours = Int("autopurge.purgeInterval") ?? ZkDefaults.AutopurgePurgeIntervalHours,
            StandaloneEnabled = Bool("standaloneEnabled") ?? ZkDefaults.StandaloneEnabled,
            ReconfigEnabled = Bool("reconfigEnabled") ?? ZkDefaults.ReconfigEnabled,
            LocalSessionsEnabled = Bool("localSessionsEnabled") ?? ZkDefaults.LocalSessionsEnabled,
            LocalSessionsUpgradingEnabled = Bool("localSessionsUpgradingEnabled") ?? ZkDefaults.LocalSessionsUpgradingEnabled,
            MetricsProviderClassName = Text("metricsProvider.className") ?? ZkDefaults.MetricsProviderClassName,
        };
    }

    private static string CheckedUnsupported(RawSetting raw)
    {
        switch (ZooCfgKeys.Unsupported[raw.Key])
        {
            case ZooCfgKeys.ValueKind.Boolean: JavaValues.ParseBoolean(raw); break;
            case ZooCfgKeys.ValueKind.Int: JavaValues.ParseInt(raw); break;
            case ZooCfgKeys.ValueKind.Long: JavaValues.ParseLong(raw); break;
        }

        return raw.Value;
    }

    private static NodeSettings ReadMetrics(NodeSettings s, Dictionary<string, RawSetting> metrics, List<string> warnings)
    {
        if (metrics.TryGetValue(ZooCfgKeys.MetricsHttpPortKey, out var httpPort))
        {
            s = s with { MetricsHttpPort = JavaValues.ParseInt(httpPort) };
        }

        if (s.MetricsProviderClassName is not (ZkDefaults.MetricsProviderClassName or PortConflicts.PrometheusProvider or "org.apache.zookeeper.metrics.impl.NullMetricsProvider"))
        {
            warnings.Add($"metricsProvider.className '{s.MetricsProviderClassName}' is unknown to AkkaZk; kept by name");
        }

        return s with
        {
            MetricsProperties = metrics.Where(m => m.Key != ZooCfgKeys.MetricsHttpPortKey).ToDictionary(m => m.Key, m => m.Value.Value),
        };
    }

    private static NodeSettings ReadQuorum(NodeSettings s, List<RawSetting> lines)
    {
        var servers = new List<ServerSpec>();
        var groups = new Dictionary<long, IReadOnlyList<long>>();
        var weights = new Dictionary<long, long>();
        foreach (var raw in lines)
        {
            if (raw.Key.StartsWith("server.", StringComparison.Ordinal))
            {
                var server = ServerLineParser.ParseServer(raw);
                if (servers.Any(x => x.Id == server.Id))
                {
                    throw raw.Fail($"server id {server.Id} is listed twice");
                }

                servers.Add(server);
            }
            else if (raw.Key.StartsWith("group.", StringComparison.Ordinal))
            {
                var (group, members) = ServerLineParser.ParseGroup(raw);
                groups[group] = members;
            }
            else
            {
                var (server, weight) = ServerLineParser.ParseWeight(raw);
                weights[server] = weight;
            }
        }

        return s with { Servers = servers, Groups = groups, Weights = weights };
    }

    private static long ReadMyId(string dataDir, Func<string, string?> readMyId)
    {
        var path = Path.Combine(dataDir, "myid");
        var text = readMyId(path);
        if (text is null)
        {
            return 0;
        }

        // ZooKeeper reads the first line only
        var firstLine = text.Split('\n')[0].Trim();
        return long.TryParse(firstLine, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ConfigException(path, 1, null, $"serverid '{firstLine}' is not a number");
    }

    // zoo.cfg's own unknown keys, and -D zookeeper.* properties nothing above consumed
    private static Dictionary<string, string> ExtraProperties(Dictionary<string, RawSetting> props, Dictionary<string, RawSetting> fromFile)
    {
        var consumed = new HashSet<string>(SystemPropertyNames.All, StringComparer.Ordinal);
        return props
            .Where(p => (fromFile.ContainsKey(p.Key) || p.Key.StartsWith(ZooCfgKeys.SystemPropertyPrefix, StringComparison.Ordinal))
                        && !consumed.Contains(p.Key)
                        && !p.Key.StartsWith(SystemPropertyNames.AuthProviderPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
    }

    // Where a validator complaint about a zoo.cfg key points: the line that set it, else the file.
    private static RawSetting Locate(
        string fileName,
        string key,
        Dictionary<string, RawSetting> known,
        List<RawSetting> quorumLines,
        Dictionary<string, RawSetting> metrics,
        Dictionary<string, RawSetting> props)
    {
        if (known.TryGetValue(key, out var raw))
        {
            return raw;
        }

        if (quorumLines.LastOrDefault(l => l.Key == key || SameId(l.Key, key)) is { } line)
        {
            return line;
        }

        if (key.StartsWith(ZooCfgKeys.MetricsPrefix, StringComparison.Ordinal) && metrics.TryGetValue(key[ZooCfgKeys.MetricsPrefix.Length..], out var metric))
        {
            return metric;
        }

        if (props.TryGetValue(ZooCfgKeys.SystemPropertyPrefix + key, out var prop))
        {
            return prop;
        }

        return new RawSetting(key, "", fileName, null);
    }

    // "server.01" is the line for the validator's "server.1"
    private static bool SameId(string lineKey, string key)
    {
        var dot = lineKey.IndexOf('.', StringComparison.Ordinal);
        var keyDot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && keyDot > 0 && lineKey[..dot] == key[..keyDot]
               && long.TryParse(lineKey[(dot + 1)..], out var a) && long.TryParse(key[(keyDot + 1)..], out var b) && a == b;
    }
}
