using AkkaZk.Protocol;

namespace AkkaZk.Data.Auth;

/// <summary>ZooKeeperServer.checkACL and PrepRequestProcessor.fixupACL.</summary>
public static class AclChecks
{
    /// <summary>True when one of <paramref name="ids"/> holds any of <paramref name="perm"/> on a node with <paramref name="acl"/>.</summary>
    public static bool IsAllowed(IReadOnlyList<Acl>? acl, Perms perm, IReadOnlyList<Id> ids, bool skipAcl = false)
    {
        if (skipAcl || acl is null || acl.Count == 0)
            return true;
        foreach (var id in ids)
        {
            if (id.Scheme == AuthProviders.SuperScheme)
                return true;
        }
        foreach (var entry in acl)
        {
            if ((entry.Perms & perm) == 0)
                continue;
            if (entry.Id.Scheme == "world" && entry.Id.Ident == "anyone")
                return true;
            if (!AuthProviders.IsKnown(entry.Id.Scheme))
                continue;
            foreach (var id in ids)
            {
                if (id.Scheme == entry.Id.Scheme && AuthProviders.Matches(id.Scheme, id.Ident, entry.Id.Ident))
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Validates an ACL list for create/setACL and expands "auth" into the caller's authenticated ids.
    /// Null means InvalidACL (empty list, unknown scheme, malformed id, "auth" without authenticated ids).
    /// </summary>
    public static IReadOnlyList<Acl>? Fixup(IReadOnlyList<Acl>? acls, IReadOnlyList<Id> authInfo)
    {
        if (acls is null || acls.Count == 0)
            return null;
        var unique = new List<Acl>(acls.Count);
        foreach (var acl in acls)
        {
            if (acl is null || acl.Id is null || acl.Id.Scheme is null)
                return null;
            if (!unique.Contains(acl))
                unique.Add(acl);
        }
        var result = new List<Acl>(unique.Count);
        foreach (var acl in unique)
        {
            var id = acl.Id;
            if (id.Scheme == "world" && id.Ident == "anyone")
            {
                result.Add(acl);
            }
            else if (id.Scheme == "auth")
            {
                var any = false;
                foreach (var authId in authInfo)
                {
                    if (AuthProviders.IsKnown(authId.Scheme) && AuthProviders.IsAuthenticated(authId.Scheme))
                    {
                        any = true;
                        result.Add(new Acl(acl.Perms, authId));
                    }
                }
                if (!any)
                    return null;
            }
            else
            {
                if (!AuthProviders.IsKnown(id.Scheme) || id.Ident is null || !AuthProviders.IsValid(id.Scheme, id.Ident))
                    return null;
                result.Add(acl);
            }
        }
        return result;
    }
}
