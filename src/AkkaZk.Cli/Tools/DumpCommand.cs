using AkkaZk.Data;
using AkkaZk.Data.Snapshots;
using AkkaZk.Data.Txns;
using AkkaZk.Database;
using AkkaZk.TxnLog;

namespace AkkaZk.Cli.Tools;

/// <summary>
/// `akkazk txnlog dump` and `akkazk snapshot dump` (ZooKeeper's TxnLogToolkit and SnapshotFormatter):
/// one line per txn, or every znode of the latest snapshot with its stat.
/// </summary>
internal static class DumpCommand
{
    public static async Task<int> RunAsync(string what, string[] args, IReadOnlyDictionary<string, string> systemProperties)
    {
        if (args.Length != 2 || args[0] != "dump")
        {
            Console.Error.WriteLine($"usage: akkazk {what} dump <zoo.cfg | node.conf | dataDir>");
            return 2;
        }
        await using var log = OfflineTxnLog.Open(args[1], systemProperties, wholeJournal: what == "txnlog");
        var txns = 0L;
        await foreach (var message in log.Output.ReadAllAsync())
        {
            switch (message)
            {
                case TxnLogProtocol.RecoveredSnapshot snapshot when what == "snapshot":
                    PrintSnapshot(snapshot.Snapshot);
                    break;
                case TxnLogProtocol.RecoveryChunk chunk when what == "txnlog":
                    foreach (var logged in chunk.Txns)
                    {
                        Console.Out.WriteLine(TxnFormatter.Format(TxnBytes.Decode(logged.Txn)));
                        txns++;
                    }
                    break;
                case TxnLogProtocol.RecoveryCompleted completed:
                    if (what == "txnlog")
                        Console.Out.WriteLine($"EOF reached after {txns} txns.");
                    else if (completed.SnapshotZxid == 0)
                        Console.Out.WriteLine("no snapshot yet");
                    return 0;
            }
        }
        return 1;
    }

    private static void PrintSnapshot(TreeSnapshot snapshot)
    {
        var db = SnapshotCodec.Read(snapshot.Data, new DatabaseOptions(ExtendedTypesEnabled: true));
        Console.Out.WriteLine($"ZNode Details (count={db.Tree.NodeCount}) at zxid 0x{snapshot.LastZxid:x}:");
        foreach (var (path, node) in db.Tree.Nodes.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var s = node.Stat;
            Console.Out.WriteLine("----");
            Console.Out.WriteLine(path);
            Console.Out.WriteLine($"  cZxid = 0x{s.Czxid:x}");
            Console.Out.WriteLine($"  ctime = {DateTimeOffset.FromUnixTimeMilliseconds(s.Ctime):u}");
            Console.Out.WriteLine($"  mZxid = 0x{s.Mzxid:x}");
            Console.Out.WriteLine($"  mtime = {DateTimeOffset.FromUnixTimeMilliseconds(s.Mtime):u}");
            Console.Out.WriteLine($"  pZxid = 0x{s.Pzxid:x}");
            Console.Out.WriteLine($"  cversion = {s.Cversion}");
            Console.Out.WriteLine($"  dataVersion = {s.Version}");
            Console.Out.WriteLine($"  aclVersion = {s.Aversion}");
            Console.Out.WriteLine($"  ephemeralOwner = 0x{s.EphemeralOwner:x}");
            Console.Out.WriteLine($"  dataLength = {node.Data?.Length ?? 0}");
        }
        Console.Out.WriteLine("----");
        Console.Out.WriteLine($"Session Details (sid, timeout, ephemeralCount):");
        foreach (var (id, timeout) in db.Sessions)
            Console.Out.WriteLine($"0x{id:x}, {timeout}, {db.GetEphemerals(id).Count}");
    }
}
