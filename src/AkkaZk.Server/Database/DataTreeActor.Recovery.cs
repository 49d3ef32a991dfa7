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
    private long _txnsSinceSnapshot;
    private long _snapshotAt;
    private bool _snapshotInFlight;

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

    /// <summary>ZooKeeper's SyncRequestProcessor: snapshot after a random count in [snapCount/2, snapCount].</summary>
    private long NextSnapshotPoint()
    {
        var half = Math.Max(1, _settings.SnapCount / 2);
        return half + Random.Shared.Next(half + 1);
    }

    private void MaybeSnapshot()
    {
        if (++_txnsSinceSnapshot < _snapshotAt || _snapshotInFlight)
            return;
        _txnsSinceSnapshot = 0;
        _snapshotAt = NextSnapshotPoint();
        var clock = Stopwatch.StartNew();
        var data = SnapshotCodec.Write(_db);
        _snapshotInFlight = true;
        _log.Info("snapshot at zxid 0x{0:x}: {1} znodes, {2} bytes, serialized in {3} ms",
            _db.LastProcessedZxid, _db.Tree.NodeCount, data.Length, clock.ElapsedMilliseconds);
        _txnLog.Tell(new TxnLogProtocol.SaveSnapshot(_db.LastProcessedZxid, data));
    }

    private void SnapshotReplies()
    {
        Receive<TxnLogProtocol.SnapshotSaved>(saved =>
        {
            if (_installing is { } installing && installing.Zxid == saved.LastZxid)
            {
                _installing = null;
                installing.ReplyTo.Tell(new ReplicationProtocol.SnapshotInstalled(saved.LastZxid));
                return;
            }
            _snapshotInFlight = false;
        });
        Receive<TxnLogProtocol.SnapshotRejected>(rejected =>
        {
            _snapshotInFlight = false;
            _log.Warning("snapshot at zxid 0x{0:x} not saved: {1}", rejected.LastZxid, rejected.Reason);
        });
    }
}
