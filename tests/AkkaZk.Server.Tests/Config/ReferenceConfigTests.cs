using Akka.Configuration;
using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

// ZooKeeper's defaults (ZkDefaults) were checked against Apache ZooKeeper 3.8.0 in the Core tests; here
// reference.conf is held to the same values, key by key.
public class ReferenceConfigTests
{
    private static readonly Akka.Configuration.Config Reference = ReferenceConfig.Load();

    public static TheoryData<string, string> Defaults => new()
    {
        { "tick-time", "3000" },
        { "init-limit", "0" },
        { "sync-limit", "0" },
        { "connect-to-learner-master-limit", "0" },
        { "data-dir", "" },
        { "data-log-dir", "" },
        { "client-port", "0" },
        { "client-port-address", "0.0.0.0" },
        { "secure-client-port", "0" },
        { "secure-client-port-address", "0.0.0.0" },
        { "client-port-listen-backlog", "-1" },
        { "observer-master-port", "0" },
        { "max-client-cnxns", "60" },
        { "max-cnxns", "0" },
        { "min-session-timeout", "-1" },
        { "max-session-timeout", "-1" },
        { "snap-count", "100000" },
        { "pre-alloc-size", "65536" },
        { "autopurge.snap-retain-count", "3" },
        { "autopurge.purge-interval", "0" },
        { "global-outstanding-limit", "1000" },
        { "my-id", "0" },
        { "peer-type", "participant" },
        { "standalone-enabled", "true" },
        { "reconfig-enabled", "false" },
        { "election-alg", "3" },
        { "quorum-listen-on-all-ips", "false" },
        { "admin.enable-server", "true" },
        { "admin.server-address", "0.0.0.0" },
        { "admin.server-port", "8080" },
        { "admin.command-url", "/commands" },
        { "local-sessions-enabled", "false" },
        { "local-sessions-upgrading-enabled", "false" },
        { "sync-enabled", "true" },
        { "force-sync", "true" },
        { "jute-max-buffer", "1048575" },
        { "metrics-provider.class-name", "org.apache.zookeeper.metrics.impl.DefaultMetricsProvider" },
        { "metrics-provider.http-port", "7000" },
        { "super-digest", "" },
        { "read-only-mode-enabled", "false" },
        { "extended-types-enabled", "false" },
        { "skip-acl", "false" },
        { "snapshot-compression-method", "" },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Reference_conf_holds_ZooKeepers_default(string key, string expected)
    {
        Assert.Equal(expected, Reference.GetString("akkazk." + key));
    }

    [Fact]
    public void Reference_conf_lists_start_empty_except_the_built_in_auth_schemes()
    {
        Assert.Empty(Reference.GetValue("akkazk.servers").GetArray());
        Assert.Empty(Reference.GetValue("akkazk.groups").GetArray());
        Assert.Empty(Reference.GetValue("akkazk.weights").GetArray());
        Assert.Empty(Reference.GetValue("akkazk.four-letter-words.whitelist").GetArray());
        Assert.Equal(["digest", "ip"], Reference.GetStringList("akkazk.auth-providers"));
        Assert.Empty(Reference.GetValue("akkazk.zookeeper").GetObject().Items);
        Assert.Empty(Reference.GetValue("akkazk.unsupported").GetObject().Items);
        Assert.Empty(Reference.GetValue("akkazk.metrics-provider.properties").GetObject().Items);
    }

    [Fact]
    public void Every_key_in_reference_conf_has_a_comment()
    {
        var lines = ReferenceConfig.ReadText().Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }

            var isSetting = line.Contains(" = ", StringComparison.Ordinal) || (line.EndsWith('{') && !line.StartsWith("akkazk", StringComparison.Ordinal));
            if (isSetting && !line.EndsWith("{}", StringComparison.Ordinal))
            {
                Assert.True(lines[i - 1].Trim().StartsWith('#'), $"reference.conf line {i + 1} '{line}' has no comment above it");
            }
        }
    }

    [Fact]
    public void Reference_conf_with_only_a_data_dir_and_client_port_equals_a_minimal_zoo_cfg()
    {
        var fromHocon = NodeSettingsLoader.FromConfig(
            ConfigurationFactory.ParseString("akkazk { data-dir = \"d1\"\n client-port = 2181 }").WithFallback(Reference));
        var fromZooCfg = ZooCfgParser.Parse("zoo.cfg", "dataDir=d1\nclientPort=2181\n", new Dictionary<string, string>(), _ => null);
        Assert.Equal(fromZooCfg, fromHocon);
    }

    [Fact]
    public void Reference_conf_is_embedded_under_its_logical_name()
    {
        Assert.Contains(ReferenceConfig.ResourceName, typeof(ReferenceConfig).Assembly.GetManifestResourceNames());
    }
}
