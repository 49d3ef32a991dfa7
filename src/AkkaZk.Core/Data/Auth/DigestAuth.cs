using System.Security.Cryptography;
using System.Text;

namespace AkkaZk.Data.Auth;

/// <summary>The "digest" scheme (DigestAuthenticationProvider): ids are user:base64(sha1(user:password)).</summary>
public static class DigestAuth
{
    public const string Scheme = "digest";

    /// <summary>generateDigest("user:password") → "user:base64(sha1("user:password"))".</summary>
    public static string Generate(string idPassword)
    {
        var user = idPassword.Split(':', 2)[0];
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(idPassword));
        return user + ":" + Convert.ToBase64String(hash);
    }

    /// <summary>isValid: exactly two ':'-separated parts, Java split rules.</summary>
    public static bool IsValid(string id) => JavaSplit.Split(id, ':').Length == 2;

    public static bool Matches(string id, string aclExpr) => id == aclExpr;

    /// <summary>The user name of an id, as whoAmI reports it.</summary>
    public static string UserName(string id) => JavaSplit.Split(id, ':')[0];
}
