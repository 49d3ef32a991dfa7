using AkkaZk.Data;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// Everything a client can see of one znode: its data, every Stat field and its ACL, in a form with value equality
/// so that two reads of a tree compare with <c>==</c>.
/// </summary>
public sealed record ZnodeState(string Path, string Data, Stat Stat, string Acl)
{
    public override string ToString() =>
        $"{Path} data={Data} acl={Acl} czxid=0x{Stat.Czxid:x} mzxid=0x{Stat.Mzxid:x} pzxid=0x{Stat.Pzxid:x} " +
        $"ctime={Stat.Ctime} mtime={Stat.Mtime} version={Stat.Version} cversion={Stat.Cversion} aversion={Stat.Aversion} " +
        $"ephemeralOwner=0x{Stat.EphemeralOwner:x} dataLength={Stat.DataLength} numChildren={Stat.NumChildren}";

    /// <summary>Data as text when it is printable (as the tests write it), hex otherwise.</summary>
    public static string Show(byte[] data) =>
        data.All(b => b is >= 0x20 and < 0x7f) ? System.Text.Encoding.ASCII.GetString(data) : "0x" + Convert.ToHexString(data);

    public static string Show(IEnumerable<Acl> acl) =>
        string.Join(',', acl.Select(a => $"{a.Id.Scheme}:{a.Id.Ident}:{(int)a.Perms}"));
}
