namespace AkkaZk.Config;

/// <summary>
/// Two listeners of this node on one port would fail at bind time, after part of the node has started; we refuse
/// the configuration up front instead. Addresses are not compared: 0.0.0.0 overlaps every address.
/// </summary>
internal static class PortConflicts
{
    public const string PrometheusProvider = "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

    public static void Check(NodeSettings s, Func<string, string, ConfigException> fail)
    {
        // In the order the roles are reported: a clash is blamed on the later key.
        var roles = new List<(int? Port, string Key, string Role)>();
        if (s.Self is { } self)
        {
            roles.Add((self.QuorumPort, $"server.{self.Id}", "quorum port"));
            roles.Add((self.ElectionPort, $"server.{self.Id}", "election port"));
        }

        roles.Add((s.ClientPort, "clientPort", "client port"));
        roles.Add((s.SecureClientPort, "secureClientPort", "secure client port"));
        roles.Add((s.ObserverMasterPort, "observerMasterPort", "observer master port"));
        if (s.AdminEnableServer)
        {
            roles.Add((s.AdminServerPort, "admin.serverPort", "admin server port"));
        }

        if (s.MetricsProviderClassName == PrometheusProvider)
        {
            roles.Add((s.MetricsHttpPort, "metricsProvider.httpPort", "metrics http port"));
        }

        var taken = new Dictionary<int, (string Key, string Role)>();
        foreach (var (port, key, role) in roles)
        {
            if (port is not { } p)
            {
                continue;
            }

            if (taken.TryGetValue(p, out var first))
            {
                throw fail(key, $"port {p} is both this server's {first.Role} ({first.Key}) and its {role}");
            }

            taken[p] = (key, role);
        }
    }
}
