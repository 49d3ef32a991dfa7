using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AkkaZk.Data;
using AkkaZk.Data.Snapshots;
using AkkaZk.TxnLog;
using static AkkaZk.Database.DataTreeProtocol;

namespace AkkaZk.Database;

/// <summary>Loading the database (ZooKeeper's ZKDatabase.loadDataBase): the latest snapshot, then the journal tail.</summary>
internal sealed partial class DataTreeActor
{
    private readonly Stopwatch _loadClock = new();

    private void Recovering()
    {
        _loadClock.Start();
        Receive<TxnLogProtocol.RecoveredSnapshot>(recovered =>
        {
            _db = SnapshotCodec.Read(recovered.Snapshot.Data, _settings.Database);
            _log.Info("loaded snapshot at zxid 0x{0:x}: {1} znodes, {2} sessions",
                _db.LastProcessedZxid, _db.Tree.NodeCount, _db.Sessions.Count);
        });
        Receive<TxnLogProtocol.RecoveryChunk>(chunk =>
        {
            foreach (var logged in chunk.Txns)
            {
                // The snapshot may already hold txns the journal still has (a fuzzy point): skip them.
                if (logged.Zxid <= _db.LastProcessedZxid)
                    continue;
                _db.Apply(TxnBytes.Decode(logged.Txn));
                _txnsSinceSnapshot++;
                if (_settings.Ensemble)
                    RememberCommitted(logged.Zxid, logged.Txn);
            }
        });
        Receive<TxnLogProtocol.RecoveryCompleted>(completed =>
        {
            _lastPreparedZxid = _db.LastProcessedZxid;
            if (completed.LastZxid != _db.LastProcessedZxid)
                _log.Warning("txn log ends at zxid 0x{0:x} but the tree is at 0x{1:x}", completed.LastZxid, _db.LastProcessedZxid);
            _log.Info("database loaded in {0} ms: last zxid 0x{1:x}, {2} znodes, {3} sessions ({4} txns replayed)",
                _loadClock.ElapsedMilliseconds, _db.LastProcessedZxid, _db.Tree.NodeCount, _db.Sessions.Count, completed.ReplayedTxns);
            _snapshotAt = NextSnapshotPoint();
            Timers.StartPeriodicTimer("containers", CheckContainers.Instance, _settings.ContainerCheckInterval);
            if (_settings.Ensemble)
            {
                SetEnsembleConfig();
                Become(Idle);
            }
            else
                Become(Serving);
            ReportReady();
        });
        Receive<GetLastZxid>(_ => Sender.Tell(new LastZxid(_db.LastProcessedZxid, false)));
    }
}
