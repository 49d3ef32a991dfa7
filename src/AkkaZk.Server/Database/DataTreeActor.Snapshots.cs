using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AkkaZk.Data.Snapshots;
using AkkaZk.TxnLog;

namespace AkkaZk.Database;

/// <summary>
/// Snapshots (ZooKeeper's SyncRequestProcessor + a fuzzy DataTree.serialize): after a random count of txns a
/// <see cref="SnapshotWriter"/> starts at the current zxid and writes the tree in short slices between the messages
/// the pipeline handles, so writes and reads go on while a large tree is written. The txn log stores it when done.
/// </summary>
internal sealed partial class DataTreeActor
{
    /// <summary>How long one slice may hold the pipeline.</summary>
    private static readonly TimeSpan SnapshotSlice = TimeSpan.FromMilliseconds(2);
    private const int NodesPerClockCheck = 128;

    private long _txnsSinceSnapshot;
    private long _snapshotAt;
    private bool _snapshotInFlight;
    private SnapshotWriter? _snapshot;
    private readonly Stopwatch _snapshotClock = new();
    private int _snapshotSlices;

    private sealed class ContinueSnapshot
    {
        public static readonly ContinueSnapshot Instance = new();
    }

    /// <summary>SyncRequestProcessor: snapshot after a random count in [snapCount/2, snapCount].</summary>
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
        _snapshotInFlight = true;
        _snapshot = new SnapshotWriter(_db);
        _snapshotSlices = 0;
        _snapshotClock.Restart();
        _log.Info("snapshot at zxid 0x{0:x}: started, {1} znodes", _snapshot.Zxid, _db.Tree.NodeCount);
        WriteSnapshotSlice();
    }

    private void WriteSnapshotSlice()
    {
        var snapshot = _snapshot!;
        if (!ReferenceEquals(snapshot.Database, _db))
        {
            // The tree was replaced (a leader's snapshot installed): this one would describe a history that is gone.
            _log.Info("snapshot at zxid 0x{0:x} dropped: the database was replaced while it was written", snapshot.Zxid);
            EndSnapshot();
            return;
        }
        _snapshotSlices++;
        var slice = Stopwatch.StartNew();
        while (!snapshot.Step(NodesPerClockCheck) && slice.Elapsed < SnapshotSlice)
        {
        }
        if (!snapshot.Done)
        {
            Self.Tell(ContinueSnapshot.Instance);
            return;
        }
        _log.Info("snapshot at zxid 0x{0:x}: {1} znodes written in {2} ms in {3} slices while the tree moved to 0x{4:x}",
            snapshot.Zxid, snapshot.NodesWritten, _snapshotClock.ElapsedMilliseconds, _snapshotSlices, _db.LastProcessedZxid);
        _snapshot = null;
        // Assembling the blob copies the whole encoded tree once: that runs off the pipeline, which goes on serving
        // (the finished writer no longer reads the tree). The txn log answers this actor as before.
        var self = Self;
        var txnLog = _txnLog;
        Task.Run(() =>
        {
            try
            {
                txnLog.Tell(new TxnLogProtocol.SaveSnapshot(snapshot.Zxid, SnapshotCodec.Finish(snapshot)), self);
            }
            catch (Exception e)
            {
                self.Tell(new TxnLogProtocol.SnapshotRejected(snapshot.Zxid, $"assembling the snapshot failed: {e.Message}"));
            }
            finally
            {
                snapshot.Dispose();
            }
        });
    }

    private void EndSnapshot()
    {
        _snapshot?.Dispose();
        _snapshot = null;
        _snapshotInFlight = false;
    }

    private void SnapshotReplies()
    {
        Receive<ContinueSnapshot>(_ =>
        {
            if (_snapshot is not null)
                WriteSnapshotSlice();
        });
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
