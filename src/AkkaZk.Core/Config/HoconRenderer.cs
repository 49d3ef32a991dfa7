using System.Globalization;
using System.Text;

namespace AkkaZk.Config;

/// <summary>
/// Writes settings as the HOCON <c>akkazk convert zoo.cfg</c> prints: every setting, explicit, under
/// <c>akkazk { }</c>, in <see cref="HoconKeys"/> names. Loading the text back gives equal settings.
/// </summary>
public static class HoconRenderer
{
    public static string Render(NodeSettings s)
    {
        var w = new HoconWriter();
        w.Comment("AkkaZk node configuration, converted from a zoo.cfg. Defaults and comments: reference.conf.");
        foreach (var warning in s.Warnings)
        {
            w.Comment("warning: " + warning);
        }

        w.Open(HoconKeys.Root);
        w.Value(HoconKeys.TickTime, s.TickTime);
        w.Value(HoconKeys.InitLimit, s.InitLimit);
        w.Value(HoconKeys.SyncLimit, s.SyncLimit);
        w.Value(HoconKeys.ConnectToLearnerMasterLimit, s.ConnectToLearnerMasterLimit);
        w.Value(HoconKeys.DataDir, s.DataDir);
        w.Value(HoconKeys.DataLogDir, s.DataLogDir);
        w.Value(HoconKeys.ClientPort, s.ClientPort ?? 0);
        w.Value(HoconKeys.ClientPortAddress, s.ClientPortAddress);
        w.Value(HoconKeys.SecureClientPort, s.SecureClientPort ?? 0);
        w.Value(HoconKeys.SecureClientPortAddress, s.SecureClientPortAddress);
        w.Value(HoconKeys.ClientPortListenBacklog, s.ClientPortListenBacklog);
        w.Value(HoconKeys.ObserverMasterPort, s.ObserverMasterPort ?? 0);
        w.Value(HoconKeys.MaxClientCnxns, s.MaxClientCnxns);
        w.Value(HoconKeys.MaxCnxns, s.MaxCnxns);
        w.Value(HoconKeys.MinSessionTimeout, s.MinSessionTimeout);
        w.Value(HoconKeys.MaxSessionTimeout, s.MaxSessionTimeout);
        w.Value(HoconKeys.SnapCount, s.SnapCount);
        w.Value(HoconKeys.PreAllocSize, s.PreAllocSizeKb);
        w.Value(HoconKeys.AutopurgeSnapRetainCount, s.AutopurgeSnapRetainCount);
        w.Value(HoconKeys.AutopurgePurgeInterval, s.AutopurgePurgeIntervalHours);
        w.Value(HoconKeys.GlobalOutstandingLimit, s.GlobalOutstandingLimit);
        w.Value(HoconKeys.ContainerCheckIntervalMs, s.ContainerCheckIntervalMs);
        w.Value(HoconKeys.CommitLogCount, s.CommitLogCount);
        w.Value(HoconKeys.MyId, s.MyId);
        w.Raw(HoconKeys.PeerType, Role(s.PeerType));
        w.List(HoconKeys.Servers, s.Servers.Select(Server));
        w.List(HoconKeys.Groups, s.Groups.Select(g => $"{{ id = {Num(g.Key)}, members = [{string.Join(", ", g.Value.Select(Num))}] }}"));
        w.List(HoconKeys.Weights, s.Weights.Select(kv => $"{{ server = {Num(kv.Key)}, weight = {Num(kv.Value)} }}"));
        w.Value(HoconKeys.StandaloneEnabled, s.StandaloneEnabled);
        w.Value(HoconKeys.ReconfigEnabled, s.ReconfigEnabled);
        w.Value(HoconKeys.ElectionAlg, s.ElectionAlg);
        w.Value(HoconKeys.QuorumListenOnAllIps, s.QuorumListenOnAllIPs);
        w.List(HoconKeys.FourLetterWordsWhitelist, s.FourLetterWordWhitelist.Select(Quote), inline: true);
        w.Value(HoconKeys.AdminEnableServer, s.AdminEnableServer);
        w.Value(HoconKeys.AdminServerAddress, s.AdminServerAddress);
        w.Value(HoconKeys.AdminServerPort, s.AdminServerPort);
        w.Value(HoconKeys.AdminCommandUrl, s.AdminCommandUrl);
        w.Value(HoconKeys.LocalSessionsEnabled, s.LocalSessionsEnabled);
        w.Value(HoconKeys.LocalSessionsUpgradingEnabled, s.LocalSessionsUpgradingEnabled);
        w.Value(HoconKeys.SyncEnabled, s.SyncEnabled);
        w.Value(HoconKeys.ForceSync, s.ForceSync);
        w.Value(HoconKeys.JuteMaxBuffer, s.JuteMaxBuffer);
        w.Value(HoconKeys.MetricsProviderClassName, s.MetricsProviderClassName);
        w.Value(HoconKeys.MetricsProviderHttpPort, s.MetricsHttpPort);
        w.Map(HoconKeys.MetricsProviderProperties, s.MetricsProperties);
        w.List(HoconKeys.AuthProviders, s.AuthProviders.Select(Quote), inline: true);
        w.Value(HoconKeys.SuperDigest, s.SuperDigest ?? "");
        w.Value(HoconKeys.ReadOnlyModeEnabled, s.ReadOnlyModeEnabled);
        w.Value(HoconKeys.ExtendedTypesEnabled, s.ExtendedTypesEnabled);
        w.Value(HoconKeys.SkipAcl, s.SkipAcl);
        w.Value(HoconKeys.SnapshotCompressionMethod, s.SnapshotCompressionMethod);
        w.Map(HoconKeys.Unsupported, s.Unsupported);
        w.Map(HoconKeys.ZooKeeper, s.Extra.ToDictionary(kv => StripPrefix(kv.Key), kv => kv.Value));
        w.Close();
        return w.ToString();
    }

    /// <summary>A HOCON string literal.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    private static string StripPrefix(string key) =>
        key.StartsWith(ZooCfgKeys.SystemPropertyPrefix, StringComparison.Ordinal) ? key[ZooCfgKeys.SystemPropertyPrefix.Length..] : key;

    private static string Server(ServerSpec s)
    {
        var client = s.ClientPort is { } port
            ? $", client-address = {Quote(s.ClientAddress ?? ZkDefaults.AnyAddress)}, client-port = {Num(port)}"
            : "";
        return $"{{ id = {Num(s.Id)}, host = {Quote(s.Host)}, quorum-port = {Num(s.QuorumPort)}, election-port = {Num(s.ElectionPort)}, role = {Role(s.Role)}{client} }}";
    }

    internal static string Role(PeerRole role) => role == PeerRole.Participant ? "participant" : "observer";

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class HoconWriter
    {
        private readonly StringBuilder sb = new();
        private int depth;

        public void Comment(string text) => Line("# " + text.Replace('\n', ' '));

        public void Open(string key)
        {
            Line(key + " {");
            depth++;
        }

        public void Close()
        {
            depth--;
            Line("}");
        }

        public void Value(string key, long value) => Raw(key, Num(value));

        public void Value(string key, bool value) => Raw(key, value ? "true" : "false");

        public void Value(string key, string value) => Raw(key, Quote(value));

        public void Raw(string key, string literal) => Line($"{key} = {literal}");

        public void List(string key, IEnumerable<string> items, bool inline = false)
        {
            var list = items.ToList();
            if (inline || list.Count == 0)
            {
                Line($"{key} = [{string.Join(", ", list)}]");
                return;
            }

            Line($"{key} = [");
            depth++;
            foreach (var item in list)
            {
                Line(item);
            }

            depth--;
            Line("]");
        }

        public void Map(string key, IEnumerable<KeyValuePair<string, string>> entries)
        {
            var list = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
            if (list.Count == 0)
            {
                Line($"{key} {{}}");
                return;
            }

            Open(key);
            foreach (var (k, v) in list)
            {
                Raw(Quote(k), Quote(v));
            }

            Close();
        }

        public override string ToString() => sb.ToString();

        private void Line(string text) => sb.Append(' ', depth * 2).Append(text).Append('\n');
    }
}
