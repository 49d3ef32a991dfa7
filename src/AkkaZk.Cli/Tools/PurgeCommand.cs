using Akka.Actor;
using AkkaZk.TxnLog;

namespace AkkaZk.Cli.Tools;

/// <summary>`akkazk purge &lt;dataDir&gt; [&lt;dataLogDir&gt;] -n N` (zkCleanup.sh): keep N snapshots, drop what they cover.</summary>
internal static class PurgeCommand
{
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string> systemProperties)
    {
        var count = 3;
        var dirs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "-n" && i + 1 < args.Length && int.TryParse(args[i + 1], out var n))
            {
                count = n;
                i++;
            }
            else
                dirs.Add(args[i]);
        }
        if (dirs.Count is < 1 or > 2 || count < 3)
        {
            Console.Error.WriteLine("usage: akkazk purge <dataDir> [<dataLogDir>] -n <count>   (count >= 3)");
            return 2;
        }
        await using var log = OfflineTxnLog.Open(dirs[0], systemProperties, dirs.Count == 2 ? dirs[1] : null);
        await foreach (var message in log.Output.ReadAllAsync())
        {
            if (message is not TxnLogProtocol.RecoveryCompleted)
                continue;
            Console.Out.WriteLine($"purging: keeping the {count} most recent snapshots");
            var purged = await log.Log.Ask<TxnLogProtocol.Purged>(new TxnLogProtocol.Purge(count), TimeSpan.FromMinutes(10));
            Console.Out.WriteLine($"removed {purged.SnapshotsDeleted} snapshots and the txns up to zxid 0x{purged.JournalDeletedUpToZxid:x}");
            return 0;
        }
        return 1;
    }
}
