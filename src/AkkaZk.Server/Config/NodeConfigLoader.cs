namespace AkkaZk.Config;

using Akka.Configuration;
using HoconConfig = Akka.Configuration.Config;

/// <summary>
/// Loads a node's configuration from the path given on the command line: a <c>.conf</c> file is HOCON over
/// reference.conf; anything else is a zoo.cfg, parsed, rendered to HOCON and loaded the same way, so both kinds
/// go through <see cref="NodeSettingsLoader"/>.
/// </summary>
public static class NodeConfigLoader
{
    /// <returns>The validated settings and the full HOCON (node config over reference.conf) for the ActorSystem.</returns>
    public static (NodeSettings Settings, HoconConfig Hocon) Load(string path, IReadOnlyDictionary<string, string> systemProperties)
    {
        var fileName = path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ConfigException(fileName, null, null, $"cannot read the file: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ConfigException(fileName, null, null, $"cannot read the file: {e.Message}");
        }

        return IsHocon(path)
            ? LoadHocon(fileName, text, systemProperties)
            : LoadZooCfg(fileName, text, systemProperties);
    }

    /// <summary>True for a path that names a HOCON file (.conf or .hocon).</summary>
    public static bool IsHocon(string path) =>
        Path.GetExtension(path) is { } ext &&
        (ext.Equals(".conf", StringComparison.OrdinalIgnoreCase) || ext.Equals(".hocon", StringComparison.OrdinalIgnoreCase));

    /// <summary>zoo.cfg text → settings → HOCON text → the same loader a .conf goes through.</summary>
    public static (NodeSettings Settings, HoconConfig Hocon) LoadZooCfg(string fileName, string text, IReadOnlyDictionary<string, string> systemProperties)
    {
        var parsed = ZooCfgParser.Parse(fileName, text, systemProperties, ZooCfgParser.ReadMyIdFile);
        var (settings, hocon) = LoadHocon(fileName, HoconRenderer.Render(parsed), new Dictionary<string, string>());
        return (settings with { Warnings = parsed.Warnings }, hocon);
    }

    /// <summary>
    /// HOCON text over reference.conf. -D properties that ZooKeeper reads (zookeeper.snapCount, jute.maxbuffer, ...)
    /// sit between the two: the file wins over -D, as a zoo.cfg does in ZooKeeper.
    /// </summary>
    public static (NodeSettings Settings, HoconConfig Hocon) LoadHocon(string fileName, string text, IReadOnlyDictionary<string, string> systemProperties)
    {
        HoconConfig node;
        try
        {
            node = ConfigurationFactory.ParseString(text);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ConfigException(fileName, null, null, "not valid HOCON: " + e.Message.Split('\n')[0].Trim());
        }

        var hocon = node
            .WithFallback(ConfigurationFactory.ParseString(SystemPropertyOverrides.ToHocon(systemProperties)))
            .WithFallback(ReferenceConfig.Load());
        return (NodeSettingsLoader.FromConfig(hocon, fileName, ZooCfgParser.ReadMyIdFile), hocon);
    }
}
