using System.Reflection;
using Akka.Configuration;

namespace AkkaZk.Zab;

/// <summary>The akka.actor section binding <see cref="IPeerMessage"/> to <see cref="PeerMessageSerializer"/> (peer-serialization.conf).</summary>
public static class PeerSerializationHocon
{
    private const string ResourceName = "AkkaZk.Zab.peer-serialization.conf";

    public static Akka.Configuration.Config Config { get; } = ConfigurationFactory.ParseString(ReadResource());

    private static string ReadResource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
