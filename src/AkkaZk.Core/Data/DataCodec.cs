using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>Jute encoding of the data module records (Id, ACL, Stat, StatPersisted) used by txns and snapshots.</summary>
public static class DataCodec
{
    public static void WriteId(JuteWriter writer, Id id)
    {
        writer.WriteString(id.Scheme);
        writer.WriteString(id.Ident);
    }

    public static Id ReadId(ref JuteReader reader) =>
        new(reader.ReadString() ?? throw new JuteException("null id scheme"), reader.ReadString() ?? throw new JuteException("null id"));

    public static void WriteAcl(JuteWriter writer, Acl acl)
    {
        writer.WriteInt((int)acl.Perms);
        WriteId(writer, acl.Id);
    }

    public static Acl ReadAcl(ref JuteReader reader)
    {
        var perms = (Perms)reader.ReadInt();
        return new Acl(perms, ReadId(ref reader));
    }

    public static void WriteAcls(JuteWriter writer, IReadOnlyList<Acl>? acls) =>
        writer.WriteVector(acls, static (w, a) => WriteAcl(w, a));

    public static List<Acl>? ReadAcls(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        if (count == -1)
            return null;
        var list = new List<Acl>(count);
        for (var i = 0; i < count; i++)
            list.Add(ReadAcl(ref reader));
        return list;
    }

    public static void WriteStat(JuteWriter writer, Stat stat)
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

    public static Stat ReadStat(ref JuteReader reader) => new(
        reader.ReadLong(), reader.ReadLong(), reader.ReadLong(), reader.ReadLong(),
        reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadLong(),
        reader.ReadInt(), reader.ReadInt(), reader.ReadLong());

    public static void WritePersistedStat(JuteWriter writer, PersistedStat stat)
    {
        writer.WriteLong(stat.Czxid);
        writer.WriteLong(stat.Mzxid);
        writer.WriteLong(stat.Ctime);
        writer.WriteLong(stat.Mtime);
        writer.WriteInt(stat.Version);
        writer.WriteInt(stat.Cversion);
        writer.WriteInt(stat.Aversion);
        writer.WriteLong(stat.EphemeralOwner);
        writer.WriteLong(stat.Pzxid);
    }

    public static PersistedStat ReadPersistedStat(ref JuteReader reader) => new(
        reader.ReadLong(), reader.ReadLong(), reader.ReadLong(), reader.ReadLong(),
        reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadLong(), reader.ReadLong());
}
