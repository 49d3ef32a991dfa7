using AkkaZk.Config;
using Xunit;

namespace AkkaZk.Tests.Config;

/// <summary>Helpers to parse zoo.cfg text in tests without touching the disk.</summary>
internal static class ZooCfg
{
    public static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

    public static NodeSettings Parse(string text, IReadOnlyDictionary<string, string>? properties = null, Func<string, string?>? readMyId = null) =>
        ZooCfgParser.Parse("zoo.cfg", text, properties ?? NoProperties, readMyId ?? (_ => null));

    public static NodeSettings Parse(string text, params (string Key, string Value)[] properties) =>
        Parse(text, properties.ToDictionary(p => p.Key, p => p.Value));

    public static ConfigException Fails(string text, IReadOnlyDictionary<string, string>? properties = null, Func<string, string?>? readMyId = null) =>
        Assert.Throws<ConfigException>(() => Parse(text, properties, readMyId));

    /// <summary>A myid reader that knows one myid file per data dir.</summary>
    public static Func<string, string?> MyIds(params (string DataDir, string Text)[] files) =>
        path => files.FirstOrDefault(f => path == Path.Combine(f.DataDir, "myid")).Text;
}
