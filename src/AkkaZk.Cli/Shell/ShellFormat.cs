using System.Globalization;
using System.Text;
using AkkaZk.Data;
using AkkaZk.Protocol;

namespace AkkaZk.Cli.Shell;

/// <summary>zkCli.sh's output formats: Stat fields, ACL lines, error messages of KeeperExceptions.</summary>
public static class ShellFormat
{
    /// <summary>zkCli's printStat: one "name = value" line per field, zxids in hex, times as java.util.Date.</summary>
    public static string Stat(Stat s)
    {
        var sb = new StringBuilder();
        sb.Append("cZxid = 0x").Append(Hex(s.Czxid)).Append('\n');
        sb.Append("ctime = ").Append(JavaDate(s.Ctime)).Append('\n');
        sb.Append("mZxid = 0x").Append(Hex(s.Mzxid)).Append('\n');
        sb.Append("mtime = ").Append(JavaDate(s.Mtime)).Append('\n');
        sb.Append("pZxid = 0x").Append(Hex(s.Pzxid)).Append('\n');
        sb.Append("cversion = ").Append(s.Cversion).Append('\n');
        sb.Append("dataVersion = ").Append(s.Version).Append('\n');
        sb.Append("aclVersion = ").Append(s.Aversion).Append('\n');
        sb.Append("ephemeralOwner = 0x").Append(Hex(s.EphemeralOwner)).Append('\n');
        sb.Append("dataLength = ").Append(s.DataLength).Append('\n');
        sb.Append("numChildren = ").Append(s.NumChildren).Append('\n');
        return sb.ToString();
    }

    /// <summary>getAcl: "'scheme,'id" then ": perms" for each entry.</summary>
    public static string Acls(IReadOnlyList<Acl> acls)
    {
        var sb = new StringBuilder();
        foreach (var acl in acls)
            sb.Append('\'').Append(acl.Id.Scheme).Append(",'").Append(acl.Id.Ident).Append("\n: ").Append(Perms(acl.Perms)).Append('\n');
        return sb.ToString();
    }

    /// <summary>ZooKeeper's permission letters in its order: c d r w a.</summary>
    public static string Perms(Perms perms)
    {
        var sb = new StringBuilder();
        if (perms.HasFlag(Protocol.Perms.Create)) sb.Append('c');
        if (perms.HasFlag(Protocol.Perms.Delete)) sb.Append('d');
        if (perms.HasFlag(Protocol.Perms.Read)) sb.Append('r');
        if (perms.HasFlag(Protocol.Perms.Write)) sb.Append('w');
        if (perms.HasFlag(Protocol.Perms.Admin)) sb.Append('a');
        return sb.ToString();
    }

    /// <summary>AclParser: "scheme:id:perms,..." (the id may hold colons, e.g. digest or ip:port); null when malformed.</summary>
    public static IReadOnlyList<Acl>? ParseAcl(string text)
    {
        var acls = new List<Acl>();
        foreach (var part in text.Split(','))
        {
            var first = part.IndexOf(':');
            var last = part.LastIndexOf(':');
            if (first <= 0 || last == first)
                return null;
            var perms = Protocol.Perms.None;
            foreach (var c in part[(last + 1)..])
            {
                perms |= c switch
                {
                    'c' => Protocol.Perms.Create,
                    'd' => Protocol.Perms.Delete,
                    'r' => Protocol.Perms.Read,
                    'w' => Protocol.Perms.Write,
                    'a' => Protocol.Perms.Admin,
                    _ => Protocol.Perms.None,
                };
            }
            acls.Add(new Acl(perms, new Id(part[..first], part[(first + 1)..last])));
        }
        return acls;
    }

    /// <summary>[a, b, c] as Java's List.toString.</summary>
    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>The message zkCli prints for a KeeperException on a path (CliWrapperException).</summary>
    public static string Error(ErrorCode code, string path) => code switch
    {
        ErrorCode.NoNode => $"Node does not exist: {path}",
        ErrorCode.BadVersion => $"version No is not valid : {path}",
        ErrorCode.NotEmpty => $"Node not empty: {path}",
        ErrorCode.NodeExists => $"Node already exists: {path}",
        ErrorCode.NoChildrenForEphemerals => $"Ephemerals cannot have children: {path}",
        ErrorCode.NoAuth => $"Insufficient permission : {path}",
        ErrorCode.InvalidAcl => $"Acl is not valid : {path}",
        ErrorCode.BadArguments => $"Arguments are not valid : {path}",
        _ => $"KeeperErrorCode = {KeeperName(code)} for {path}",
    };

    /// <summary>KeeperException.getCodeMessage: the text after "KeeperErrorCode = ".</summary>
    private static string KeeperName(ErrorCode code) => code switch
    {
        ErrorCode.NotEmpty => "Directory not empty",
        ErrorCode.SessionExpired => "Session expired",
        ErrorCode.InvalidCallback => "Invalid callback",
        ErrorCode.SessionMoved => "Session moved",
        ErrorCode.NotReadOnly => "Not a read-only call",
        ErrorCode.EphemeralOnLocalSession => "Ephemeral node on local session",
        ErrorCode.NoWatcher => "No such watcher",
        ErrorCode.RequestTimeout => "Request timeout",
        ErrorCode.ReconfigDisabled => "Reconfig is disabled",
        ErrorCode.QuotaExceeded => "Quota has exceeded",
        ErrorCode.ThrottledOp => "Op throttled due to high load",
        ErrorCode.ApiError => "APIError",
        ErrorCode.InvalidAcl => "InvalidACL",
        _ => code.ToString(),
    };

    public static string Hex(long value) => value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>java.util.Date.toString in UTC: "Thu Nov 26 22:44:43 UTC 2026".</summary>
    public static string JavaDate(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
