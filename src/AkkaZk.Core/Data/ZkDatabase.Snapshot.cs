using System.Buffers;
using AkkaZk.Data.Snapshots;
using AkkaZk.Jute;

namespace AkkaZk.Data;

public sealed partial class ZkDatabase
{
    /// <summary>
    /// SerializeUtils.serializeSnapshot: session count, (id, timeout) pairs, then the tree (ACL cache, nodes), taken
    /// in one go. The snapshot's zxid (<see cref="LastProcessedZxid"/>) is not part of the stream; ZooKeeper keeps it
    /// in the file name. <see cref="SnapshotWriter"/> takes it in steps.
    /// </summary>
    public void WriteSnapshot(JuteWriter writer)
    {
        using var snapshot = new SnapshotWriter(this);
        snapshot.Step(int.MaxValue);
        writer.Output.Write(snapshot.ToArray(_ => { }));
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
