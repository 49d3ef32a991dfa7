namespace AkkaZk.Config;

/// <summary>
/// ZooKeeper names auth providers by Java class (<c>authProvider.N=org.apache...DigestAuthenticationProvider</c>);
/// AkkaZk by the scheme the provider registers (what a client sends in addauth).
/// </summary>
public static class AuthProviderNames
{
    private static readonly Dictionary<string, string> SchemeByClass = new(StringComparer.Ordinal)
    {
        ["org.apache.zookeeper.server.auth.DigestAuthenticationProvider"] = "digest",
        ["org.apache.zookeeper.server.auth.IPAuthenticationProvider"] = "ip",
        ["org.apache.zookeeper.server.auth.SASLAuthenticationProvider"] = "sasl",
        ["org.apache.zookeeper.server.auth.X509AuthenticationProvider"] = "x509",
        ["org.apache.zookeeper.server.auth.EnsembleAuthenticationProvider"] = "ensemble",
        ["org.apache.zookeeper.server.auth.KeyAuthenticationProvider"] = "key",
    };

    /// <summary>The scheme for a ZooKeeper provider class, or null when we do not know the class.</summary>
    public static string? SchemeOf(string className) =>
        SchemeByClass.TryGetValue(className.Trim(), out var scheme) ? scheme : null;

    /// <summary>The ZooKeeper class for a scheme, or null.</summary>
    public static string? ClassOf(string scheme) =>
        SchemeByClass.FirstOrDefault(kv => kv.Value == scheme).Key;
}
