using System.Text;

namespace AkkaZk.Data.Auth;

/// <summary>
/// The server's authentication providers (ProviderRegistry defaults: digest and ip). "world" and "auth" are not
/// providers: they are handled by the ACL checks themselves, and "super" is an id, never an ACL scheme.
/// </summary>
public static class AuthProviders
{
    public const string SuperScheme = "super";

    public static bool IsKnown(string scheme) => scheme is DigestAuth.Scheme or IpAuth.Scheme;

    /// <summary>ServerAuthenticationProvider.isValid for an ACL id.</summary>
    public static bool IsValid(string scheme, string id) => scheme switch
    {
        DigestAuth.Scheme => DigestAuth.IsValid(id),
        IpAuth.Scheme => IpAuth.IsValid(id),
        _ => false,
    };

    /// <summary>ServerAuthenticationProvider.matches(authId, aclExpr).</summary>
    public static bool Matches(string scheme, string id, string aclExpr) => scheme switch
    {
        DigestAuth.Scheme => DigestAuth.Matches(id, aclExpr),
        IpAuth.Scheme => IpAuth.Matches(id, aclExpr),
        _ => false,
    };

    /// <summary>isAuthenticated: whether an id of this scheme stands in for the "auth" ACL scheme (digest yes, ip no).</summary>
    public static bool IsAuthenticated(string scheme) => scheme == DigestAuth.Scheme;

    /// <summary>The user an id names, as whoAmI reports it ("" when no provider knows the scheme).</summary>
    public static string UserName(Id id) => id.Scheme switch
    {
        DigestAuth.Scheme => DigestAuth.UserName(id.Ident),
        IpAuth.Scheme => id.Ident,
        _ => "",
    };

    /// <summary>
    /// The id an auth packet adds to the connection, or null (unknown scheme → AuthFailed).
    /// digest: the digest of the given "user:password"; ip: the remote address.
    /// </summary>
    public static Id? Authenticate(string scheme, byte[] auth, string? remoteAddress) => scheme switch
    {
        DigestAuth.Scheme => new Id(DigestAuth.Scheme, DigestAuth.Generate(Encoding.UTF8.GetString(auth))),
        IpAuth.Scheme when remoteAddress is not null => new Id(IpAuth.Scheme, remoteAddress),
        _ => null,
    };

    /// <summary>
    /// Every id an auth packet adds, in ZooKeeper's order: digest credentials matching the configured
    /// superDigest first add "super:" then the digest id. Null means AuthFailed.
    /// </summary>
    public static IReadOnlyList<Id>? AuthenticateAll(string scheme, byte[] auth, string? remoteAddress, string? superDigest)
    {
        var id = Authenticate(scheme, auth, remoteAddress);
        if (id is null)
            return null;
        if (id.Scheme == DigestAuth.Scheme && superDigest is not null && id.Ident == superDigest)
            return [new Id(SuperScheme, ""), id];
        return [id];
    }
}
