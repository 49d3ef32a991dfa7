using System.Reflection;
using Akka.Configuration;
using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

public class HoconRoundTripTests
{
    private static NodeSettings FromZooCfg() =>
        ZooCfgParser.Parse("zoo.cfg", EveryKey.ZooCfg, EveryKey.SystemProperties, EveryKey.ReadMyId);

    private static NodeSettings FromHocon(string hocon) =>
        NodeSettingsLoader.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(ReferenceConfig.Load()), "node.conf");

    [Fact]
    public void Every_key_survives_zoo_cfg_to_HOCON_and_back()
    {
        var a = FromZooCfg();
        var b = FromHocon(HoconRenderer.Render(a));

        // Warnings describe the zoo.cfg (e.g. its ineffective jute.maxbuffer line), not the settings
        Assert.Equal(a with { Warnings = [] }, b with { Warnings = [] });
    }

    [Fact]
    public void The_every_key_zoo_cfg_really_sets_every_setting_away_from_its_default()
    {
        var a = FromZooCfg();
        var defaults = FromHocon("akkazk { data-dir = \"d\", client-port = 2999 }");
        var same = typeof(NodeSettings)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name is not nameof(NodeSettings.Warnings) and not "EqualityContract")
            .Where(p => p.Name is not nameof(NodeSettings.ElectionAlg)) // 3 is the only value ZooKeeper 3.8 accepts
            .Where(p => Equals(p.GetValue(a), p.GetValue(defaults)))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(same);
    }

    [Fact]
    public void Rendering_is_stable_across_a_round_trip()
    {
        var a = FromZooCfg();
        var text = HoconRenderer.Render(a with { Warnings = [] });
        Assert.Equal(text, HoconRenderer.Render(FromHocon(text) with { Warnings = [] }));
    }

    [Fact]
    public void The_every_key_zoo_cfg_means_what_ZooKeeper_makes_of_it()
    {
        var a = FromZooCfg();
        Assert.False(a.IsStandalone);
        Assert.Equal(1, a.MyId);
        Assert.Equal(new ServerSpec(1, "127.0.0.1", 2888, 3888, PeerRole.Observer, "127.0.0.1", 2181), a.Self);
        Assert.Equal(new ServerSpec(2, "127.0.0.1", 2889, 3889, PeerRole.Participant, "0.0.0.0", 2182), a.Servers[1]);
        Assert.Equal(PeerRole.Observer, a.PeerType);
        Assert.Equal(2181, a.ClientPort);
        Assert.Equal("127.0.0.1", a.ClientPortAddress);
        Assert.Equal(0x200000, a.JuteMaxBuffer);                 // -Djute.maxbuffer counts, zoo.cfg's does not
        Assert.Equal("4194304", a.Extra["zookeeper.jute.maxbuffer"]);
        Assert.Equal("500", a.Extra["zookeeper.fsync.warningthresholdms"]);
        Assert.Equal("hello \"world\" \\ end", a.Extra["zookeeper.some.custom.key"]);
        Assert.Equal("on", a.Extra["zookeeper.custom.flag"]);
        Assert.Equal(["isro", "mntr", "ruok", "srvr", "stat"], a.FourLetterWordWhitelist.Order());
        Assert.Equal(["com.example.CustomAuthenticationProvider", "digest", "ip", "sasl", "x509"], a.AuthProviders.Order(StringComparer.Ordinal));
        Assert.Equal("super:D/InIHSb7yEEbrWz8b9l71RjZJU=", a.SuperDigest);
        Assert.Equal(new Dictionary<string, string> { ["exportJvmInfo"] = "false" }, a.MetricsProperties);
        Assert.Equal(new Dictionary<string, string> { ["quorum.cnxn.threads.size"] = "20", ["sslQuorum"] = "false" }, a.Unsupported);
        Assert.Contains(a.Warnings, w => w.Contains("jute.maxbuffer", StringComparison.Ordinal));
        Assert.Contains(a.Warnings, w => w.Contains("com.example.CustomAuthenticationProvider", StringComparison.Ordinal));
    }
}
