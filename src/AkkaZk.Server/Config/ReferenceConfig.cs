namespace AkkaZk.Config;

using Akka.Configuration;
using HoconConfig = Akka.Configuration.Config;

/// <summary>hocon/reference.conf, embedded in this assembly: every AkkaZk default, the lowest fallback.</summary>
public static class ReferenceConfig
{
    public const string ResourceName = "AkkaZk.reference.conf";

    private static readonly Lazy<string> Text = new(ReadResource);

    /// <summary>The embedded reference.conf text.</summary>
    public static string ReadText() => Text.Value;

    /// <summary>The embedded reference.conf, parsed.</summary>
    public static HoconConfig Load() => ConfigurationFactory.ParseString(Text.Value);

    private static string ReadResource()
    {
        using var stream = typeof(ReferenceConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {typeof(ReferenceConfig).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
