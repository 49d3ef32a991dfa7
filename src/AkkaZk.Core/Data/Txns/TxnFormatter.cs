using System.Globalization;
using System.Text;
using AkkaZk.Protocol;

namespace AkkaZk.Data.Txns;

/// <summary>One line per txn, shaped like ZooKeeper's TxnLogToolkit: time, session, cxid, zxid, type, record.</summary>
public static class TxnFormatter
{
    public static string Format(Txn txn)
    {
        var h = txn.Header;
        var time = DateTimeOffset.FromUnixTimeMilliseconds(h.Time).UtcDateTime.ToString("M/d/yy h:mm:ss tt 'UTC'", CultureInfo.InvariantCulture);
        return $"{time} session 0x{h.ClientId:x} cxid 0x{h.Cxid:x} zxid 0x{h.Zxid:x} {OpName(h.Type)} {Body(txn.Body)}".TrimEnd();
    }

    /// <summary>TraceFormatter.op2String names.</summary>
    public static string OpName(OpCode type) => type switch
    {
        OpCode.Create => "create",
        OpCode.Create2 => "create2",
        OpCode.CreateContainer => "createContainer",
        OpCode.CreateTtl => "createTTL",
        OpCode.Delete => "delete",
        OpCode.DeleteContainer => "deleteContainer",
        OpCode.SetData => "setData",
        OpCode.SetAcl => "setACL",
        OpCode.Check => "check",
        OpCode.Multi => "multi",
        OpCode.CreateSession => "createSession",
        OpCode.CloseSession => "closeSession",
        OpCode.Error => "error",
        OpCode.Reconfig => "reconfig",
        _ => "unknown " + (int)type,
    };

    private static string Body(TxnBody? body) => body switch
    {
        null => "",
        CreateTxn c => $"'{c.Path},{Hex(c.Data)},{Acls(c.Acl)},{(c.Ephemeral ? 'T' : 'F')},{c.ParentCVersion}",
        CreateContainerTxn c => $"'{c.Path},{Hex(c.Data)},{Acls(c.Acl)},{c.ParentCVersion}",
        CreateTtlTxn c => $"'{c.Path},{Hex(c.Data)},{Acls(c.Acl)},{c.ParentCVersion},{c.Ttl}",
        DeleteTxn d => $"'{d.Path}",
        SetDataTxn s => $"'{s.Path},{Hex(s.Data)},{s.Version}",
        CheckVersionTxn c => $"'{c.Path},{c.Version}",
        SetAclTxn s => $"'{s.Path},{Acls(s.Acl)},{s.Version}",
        CreateSessionTxn s => s.TimeOut.ToString(CultureInfo.InvariantCulture),
        CloseSessionTxn c => "v{" + string.Join(",", c.Paths2Delete.Select(p => "'" + p)) + "}",
        ErrorTxn e => ((int)e.Err).ToString(CultureInfo.InvariantCulture),
        MultiTxn m => "v{" + string.Join(",", m.Txns.Select(t => $"s{{{(int)t.Type},{Body(t.Body)}}}")) + "}",
        _ => body.ToString() ?? "",
    };

    private static string Hex(byte[]? data)
    {
        if (data is null || data.Length == 0)
            return "#";
        var text = new StringBuilder("#", data.Length * 2 + 1);
        foreach (var b in data)
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string Acls(IReadOnlyList<Acl> acls) =>
        "v{" + string.Join(",", acls.Select(a => $"s{{{(int)a.Perms},s{{'{a.Id.Scheme},'{a.Id.Ident}}}}}")) + "}";
}
