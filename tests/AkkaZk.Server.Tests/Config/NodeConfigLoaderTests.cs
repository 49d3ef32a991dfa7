using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

public class NodeConfigLoaderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("akkazk-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_zoo_cfg_and_its_rendering_load_to_the_same_settings_and_HOCON()
    {
        var data = Path.Combine(dir, "data");
        var cfg = Path.Combine(dir, "zoo.cfg");
        File.WriteAllText(cfg, $"dataDir={data}\nclientPort=2181\ntickTime=2000\nsnapCount=500\nfoo.bar=baz\n");
        var (fromCfg, cfgHocon) = NodeConfigLoader.Load(cfg, new Dictionary<string, string>());

        var conf = Path.Combine(dir, "node.conf");
        File.WriteAllText(conf, HoconRenderer.Render(fromCfg));
        var (fromConf, confHocon) = NodeConfigLoader.Load(conf, new Dictionary<string, string>());

        Assert.Equal(fromCfg, fromConf);
        Assert.Equal(500, cfgHocon.GetInt("akkazk.snap-count"));
        Assert.Equal("baz", confHocon.GetString("akkazk.zookeeper.\"foo.bar\""));
        Assert.Equal("baz", fromConf.Extra["zookeeper.foo.bar"]);
    }

    [Fact]
    public void System_properties_fill_in_what_a_conf_file_leaves_out_but_never_override_it()
    {
        var conf = Path.Combine(dir, "node.conf");
        File.WriteAllText(conf, $"akkazk {{\n data-dir = \"{dir}\"\n client-port = 2181\n snap-count = 500\n}}\n");
        var props = new Dictionary<string, string>
        {
            ["zookeeper.snapCount"] = "7",
            ["jute.maxbuffer"] = "0x200000",
            ["zookeeper.4lw.commands.whitelist"] = "ruok,stat",
            ["zookeeper.authProvider.1"] = "org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
            ["zookeeper.custom"] = "x",
        };

        var (s, _) = NodeConfigLoader.Load(conf, props);

        Assert.Equal(500, s.SnapCount);
        Assert.Equal(0x200000, s.JuteMaxBuffer);
        Assert.Equal(["ruok", "srvr", "stat"], s.FourLetterWordWhitelist.Order());
        Assert.Contains("sasl", s.AuthProviders);
        Assert.Equal("x", s.Extra["zookeeper.custom"]);
    }

    [Fact]
    public void An_ensemble_conf_without_my_id_reads_the_myid_file_like_a_zoo_cfg()
    {
        File.WriteAllText(Path.Combine(dir, "myid"), "2\n");
        var conf = Path.Combine(dir, "node.conf");
        File.WriteAllText(conf, $$"""
            akkazk {
              data-dir = "{{dir}}"
              init-limit = 10
              sync-limit = 5
              servers = [
                { id = 1, host = "127.0.0.1", quorum-port = 2888, election-port = 3888 }
                { id = 2, host = "127.0.0.1", quorum-port = 2889, election-port = 3889, client-port = 2182 }
                { id = 3, host = "127.0.0.1", quorum-port = 2890, election-port = 3890 }
              ]
            }
            """);

        var (s, _) = NodeConfigLoader.Load(conf, new Dictionary<string, string>());

        Assert.Equal(2, s.MyId);
        Assert.Equal(2182, s.ClientPort);
    }

    [Fact]
    public void A_missing_file_is_a_config_error_naming_it()
    {
        var path = Path.Combine(dir, "nope.cfg");
        var e = Assert.Throws<ConfigException>(() => NodeConfigLoader.Load(path, new Dictionary<string, string>()));
        Assert.Equal(path, e.File);
    }
}
