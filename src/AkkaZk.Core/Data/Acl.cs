using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>An identity under an auth scheme, e.g. world:anyone or digest:user:hash.</summary>
public sealed record Id(string Scheme, string Ident)
{
    public static readonly Id Anyone = new("world", "anyone");
    public static readonly Id AuthIds = new("auth", "");

    public override string ToString() => $"{Scheme}:{Ident}";
}

/// <summary>One ACL entry: permissions granted to an id.</summary>
public sealed record Acl(Perms Perms, Id Id)
{
    public static readonly IReadOnlyList<Acl> OpenAclUnsafe = [new(Perms.All, Id.Anyone)];
    public static readonly IReadOnlyList<Acl> ReadAclUnsafe = [new(Perms.Read, Id.Anyone)];
    public static readonly IReadOnlyList<Acl> CreatorAllAcl = [new(Perms.All, Id.AuthIds)];
}
