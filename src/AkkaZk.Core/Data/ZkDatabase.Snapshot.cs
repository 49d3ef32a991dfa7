using AkkaZk.Jute;

namespace AkkaZk.Data;

public sealed partial class ZkDatabase
{
    /// <summary>
    /// SerializeUtils.serializeSnapshot: session count, (id, timeout) pairs, then the tree. The snapshot's zxid
    /// (<see cref="LastProcessedZxid"/>) is not part of the stream; ZooKeeper keeps it in the file name.
    /// </summary>
    public void WriteSnapshot(JuteWriter writer)
    {
        writer.WriteInt(_sessions.Count);
        foreach (var (id, timeout) in _sessions)
        {
            writer.WriteLong(id);
            writer.WriteInt(timeout);
        }
        Tree.Serialize(writer);
    }

    /// <summary>Replaces sessions and tree with a snapshot taken at <paramref name="lastProcessedZxid"/>; outstanding changes are dropped.</summary>
    public void LoadSnapshot(ref JuteReader reader, long lastProcessedZxid)
    {
        ClearOutstandingChanges();
        _sessions.Clear();
        var count = reader.ReadInt();
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadLong();
            _sessions[id] = reader.ReadInt();
        }
        Tree.Deserialize(ref reader);
        LastProcessedZxid = lastProcessedZxid;
    }
}
