using AkkaZk.Data;
using AkkaZk.Jute;

namespace AkkaZk.Protocol.Codec;

/// <summary>The data module's records (Stat, Id, ACL) and the small helpers every other codec shares.</summary>
public static class DataCodec
{
    /// <summary>Bytes of a Stat on the wire.</summary>
    public const int StatLength = 68;

    public static Stat ReadStat(ref JuteReader reader) => new(
        Czxid: reader.ReadLong(),
        Mzxid: reader.ReadLong(),
        Ctime: reader.ReadLong(),
        Mtime: reader.ReadLong(),
        Version: reader.ReadInt(),
        Cversion: reader.ReadInt(),
        Aversion: reader.ReadInt(),
        EphemeralOwner: reader.ReadLong(),
        DataLength: reader.ReadInt(),
        NumChildren: reader.ReadInt(),
        Pzxid: reader.ReadLong());

    public static void WriteStat(JuteWriter writer, in Stat stat)
    {
        writer.WriteLong(stat.Czxid);
        writer.WriteLong(stat.Mzxid);
        writer.WriteLong(stat.Ctime);
        writer.WriteLong(stat.Mtime);
        writer.WriteInt(stat.Version);
        writer.WriteInt(stat.Cversion);
        writer.WriteInt(stat.Aversion);
        writer.WriteLong(stat.EphemeralOwner);
        writer.WriteInt(stat.DataLength);
        writer.WriteInt(stat.NumChildren);
        writer.WriteLong(stat.Pzxid);
    }

    public static Id ReadId(ref JuteReader reader) => new(ReadRequiredString(ref reader), ReadRequiredString(ref reader));

    public static void WriteId(JuteWriter writer, Id id)
    {
        writer.WriteString(id.Scheme);
        writer.WriteString(id.Ident);
    }

    public static Acl ReadAcl(ref JuteReader reader)
    {
        var perms = (Perms)reader.ReadInt();
        return new Acl(perms, ReadId(ref reader));
    }

    public static void WriteAcl(JuteWriter writer, Acl acl)
    {
        writer.WriteInt((int)acl.Perms);
        WriteId(writer, acl.Id);
    }

    /// <summary>
    /// Reads vector&lt;ACL&gt;. A null vector (-1) reads as an empty list: ZooKeeper rejects both with InvalidACL,
    /// so the difference is not observable.
    /// </summary>
    public static IReadOnlyList<Acl> ReadAcls(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        if (count <= 0)
            return [];
        var acls = new Acl[count];
        for (var i = 0; i < count; i++)
            acls[i] = ReadAcl(ref reader);
        return acls;
    }

    public static void WriteAcls(JuteWriter writer, IReadOnlyList<Acl>? acls) =>
        writer.WriteVector(acls, static (w, acl) => WriteAcl(w, acl));

    /// <summary>
    /// Reads a ustring that our records hold as non-null. A null (-1) string reads as "": ZooKeeper answers a null
    /// path with BadArguments, and so does our path validation for "".
    /// </summary>
    public static string ReadRequiredString(ref JuteReader reader) => reader.ReadString() ?? string.Empty;

    /// <summary>Reads a buffer, keeping a null (-1) buffer distinguishable as <see cref="JuteBuffers.Null"/>.</summary>
    public static byte[] ReadBuffer(ref JuteReader reader) => reader.ReadBuffer() ?? JuteBuffers.Null;

    /// <summary>Writes a buffer; <see cref="JuteBuffers.Null"/> (or null) goes out as length -1.</summary>
    public static void WriteBuffer(JuteWriter writer, byte[]? buffer) =>
        writer.WriteBuffer(JuteBuffers.IsNull(buffer) ? null : buffer);

    /// <summary>Reads vector&lt;ustring&gt;; a null vector reads as an empty list.</summary>
    public static IReadOnlyList<string> ReadStrings(ref JuteReader reader) => reader.ReadStrings() ?? (IReadOnlyList<string>)[];
}
