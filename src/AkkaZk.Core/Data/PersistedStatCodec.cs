using AkkaZk.Jute;

namespace AkkaZk.Data;

/// <summary>Jute encoding of StatPersisted (snapshots and the data layer's own records); Id, ACL and Stat are in Protocol.Codec.DataCodec.</summary>
public static class PersistedStatCodec
{
    public static void Write(JuteWriter writer, PersistedStat stat)
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

    public static PersistedStat Read(ref JuteReader reader) => new(
        reader.ReadLong(), reader.ReadLong(), reader.ReadLong(), reader.ReadLong(),
        reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadLong(), reader.ReadLong());
}
