using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

/// <summary>
/// hocon/examples holds zoo.cfg files and their converted .conf beside them; the two must never drift.
/// Run with AKKAZK_WRITE_EXAMPLES=1 to rewrite the .conf files from the zoo.cfg files.
/// </summary>
public class ExampleConfigTests
{
    public static TheoryData<string, string> Examples => new()
    {
        { "hocon/examples/standalone/zoo.cfg", "hocon/examples/standalone/node.conf" },
        { "hocon/examples/ensemble/zoo1.cfg", "hocon/examples/ensemble/node1.conf" },
        { "hocon/examples/ensemble/zoo2.cfg", "hocon/examples/ensemble/node2.conf" },
        { "hocon/examples/ensemble/zoo3.cfg", "hocon/examples/ensemble/node3.conf" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_conf_is_the_rendering_of_its_zoo_cfg(string zooCfg, string conf)
    {
        var rendered = HoconRenderer.Render(ParseExample(zooCfg));
        var confPath = RepoFiles.PathOf(conf);
        if (Environment.GetEnvironmentVariable("AKKAZK_WRITE_EXAMPLES") == "1")
        {
            File.WriteAllText(confPath, rendered);
        }

        Assert.Equal(rendered, File.ReadAllText(confPath));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_conf_loads_to_the_settings_of_its_zoo_cfg(string zooCfg, string conf)
    {
        var fromConf = NodeConfigLoader.LoadHocon(conf, File.ReadAllText(RepoFiles.PathOf(conf)), new Dictionary<string, string>()).Settings;
        Assert.Equal(ParseExample(zooCfg), fromConf);
    }

    [Fact]
    public void The_ensemble_examples_are_three_loopback_nodes_with_distinct_ports()
    {
        var nodes = Enumerable.Range(1, 3).Select(i => ParseExample($"hocon/examples/ensemble/zoo{i}.cfg")).ToList();
        Assert.Equal([1L, 2L, 3L], nodes.Select(n => n.MyId));
        Assert.Equal([2181, 2182, 2183], nodes.Select(n => n.ClientPort ?? 0));
        Assert.Equal([8081, 8082, 8083], nodes.Select(n => n.AdminServerPort));
        Assert.Equal(["./node1", "./node2", "./node3"], nodes.Select(n => n.DataDir));
        Assert.All(nodes, n => Assert.False(n.IsStandalone));
        Assert.All(nodes, n => Assert.Equal(nodes[0].Servers, n.Servers));
        Assert.Equal(6, nodes[0].Servers.SelectMany(s => new[] { s.QuorumPort, s.ElectionPort }).Distinct().Count());
    }

    [Fact]
    public void The_standalone_example_loads_through_the_command_line_loader()
    {
        var (settings, hocon) = NodeConfigLoader.Load(RepoFiles.PathOf("hocon/examples/standalone/zoo.cfg"), new Dictionary<string, string>());
        Assert.True(settings.IsStandalone);
        Assert.Equal(2181, settings.ClientPort);
        Assert.Equal("127.0.0.1", settings.ClientPortAddress);
        Assert.Equal(2181, hocon.GetInt("akkazk.client-port"));
    }

    // Examples use relative data dirs; their myid files are found relative to the example's own directory.
    private static NodeSettings ParseExample(string zooCfg)
    {
        var path = RepoFiles.PathOf(zooCfg);
        var dir = Path.GetDirectoryName(path)!;
        return ZooCfgParser.Parse(
            Path.GetFileName(path),
            File.ReadAllText(path),
            new Dictionary<string, string>(),
            myid => ZooCfgParser.ReadMyIdFile(Path.Combine(dir, myid)));
    }
}
