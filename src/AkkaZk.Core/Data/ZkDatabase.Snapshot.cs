namespace AkkaZk.Data;

public sealed partial class ZkDatabase
{
    /// <summary>A database rebuilt from a snapshot: its tree, live sessions and last zxid.</summary>
    internal static ZkDatabase Restore(DatabaseOptions options, DataTree tree, IEnumerable<KeyValuePair<long, int>> sessions, long lastZxid)
    {
        var db = new ZkDatabase(options, tree) { LastProcessedZxid = lastZxid };
        foreach (var (id, timeout) in sessions)
            db._sessions[id] = timeout;
        return db;
    }
}
