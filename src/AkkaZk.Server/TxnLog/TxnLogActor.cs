using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static AkkaZk.TxnLog.TxnLogProtocol;
using AkkaRecoveryCompleted = Akka.Persistence.RecoveryCompleted;

namespace AkkaZk.TxnLog;

/// <summary>See <see cref="TxnLogProtocol"/>. Sequence numbers are Akka's; zxids are carried in the events.</summary>
internal sealed class TxnLogActor : PersistentActor, IWithTimers
{
    private const int ProgressEveryTxns = 100_000;

    private readonly TxnLogSettings _settings;
    private readonly IActorRef? _listener;
    private readonly string? _siblingListener;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // recovery
    private List<TxnLogged> _chunk = [];
    private readonly Stopwatch _recoveryClock = Stopwatch.StartNew();
    private long _replayed;
    private long _recoveredSnapshotZxid;

    // the log
    private ZxidIndex _index = new(new SnapshotMark(0, 0));
    private List<SnapshotMark> _snapshots = [];
    private long _lastDurableZxid;
    private long _lastAcceptedZxid;
    private List<PendingAppend> _buffer = [];
    private bool _writing;
    private readonly Dictionary<long, PendingSnapshot> _pendingSnapshots = [];
    private readonly List<(TxnLogProtocol.SaveSnapshot Save, IActorRef ReplyTo)> _snapshotsAwaitingAppend = [];
    private PendingPurge? _purge;
    private readonly IdleMemoryTrim _trim = new();

    // stats
    private long _appends;
    private long _journalWrites;
    private int _largestWrite;

    public TxnLogActor(TxnLogSettings settings, IActorRef? listener, string? siblingListener = null)
    {
        _settings = settings;
        _listener = listener ?? (siblingListener is null ? Context.Parent : null);
        _siblingListener = siblingListener;
        JournalPluginId = TxnLogSettings.JournalPluginId;
        SnapshotPluginId = TxnLogSettings.SnapshotPluginId;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => _settings.PersistenceId;

    public override Recovery Recovery =>
        _settings.ReplayWholeJournal ? new Recovery(SnapshotSelectionCriteria.None) : base.Recovery;

    protected override void PreStart()
    {
        // Akka.Persistence.Sql retries a failing table initialisation forever, so a file that is not a database
        // would hang recovery instead of failing it: check the SQLite files first.
        if (_settings.Plugin != TxnLogPlugin.Sqlite)
            return;
        try
        {
            foreach (var path in new[] { _settings.JournalPath, _settings.SnapshotPath })
            {
                var report = SqliteDurability.Check(path);
                if (report is not null && !string.Equals(report.JournalMode, "wal", StringComparison.OrdinalIgnoreCase))
                    _log.Warning("txn log {0}: {1} is in journal_mode={2}, not WAL; run SqliteDurability.Prepare before the ActorSystem starts",
                        PersistenceId, path, report.JournalMode);
            }
        }
        catch (InvalidOperationException e)
        {
            _log.Error(e, "{0}; stopping instead of starting empty", e.Message);
            Context.Stop(Self);
        }
    }

    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: TreeSnapshot tree } offer:
                return ReceiveRecover(new SnapshotOffer(offer.Metadata, new SnapshotRecord(tree, [])));
            case SnapshotOffer offer when offer.Snapshot is not SnapshotRecord:
                // skipping it would replay only the journal after it: a silently incomplete tree
                throw new InvalidOperationException($"txn log {PersistenceId}: snapshot at sequence nr {offer.Metadata.SequenceNr} is a {offer.Snapshot?.GetType().Name}, not a tree snapshot");
            case SnapshotOffer { Snapshot: SnapshotRecord record } offer:
                var mark = new SnapshotMark(offer.Metadata.SequenceNr, record.Tree.LastZxid);
                _snapshots = [.. record.Earlier.Where(m => m.SequenceNr < mark.SequenceNr), mark];
                _index = new ZxidIndex(mark);
                _lastDurableZxid = record.Tree.LastZxid;
                _recoveredSnapshotZxid = record.Tree.LastZxid;
                _log.Info("txn log {0}: loaded snapshot at zxid 0x{1:x} ({2} bytes, sequence nr {3})",
                    PersistenceId, record.Tree.LastZxid, record.Tree.Data.Length, mark.SequenceNr);
                NotifyListener(new RecoveredSnapshot(record.Tree));
                return true;
            case TxnLogged txn:
                _index.Add(LastSequenceNr, txn.Zxid);
                _lastDurableZxid = txn.Zxid;
                _chunk.Add(txn);
                if (_chunk.Count >= _settings.RecoveryChunkSize)
                    SendChunk();
                if (++_replayed % ProgressEveryTxns == 0)
                    _log.Info("txn log {0}: replayed {1} txns up to zxid 0x{2:x} ({3:F0} txns/s)",
                        PersistenceId, _replayed, txn.Zxid, _replayed / Math.Max(0.001, _recoveryClock.Elapsed.TotalSeconds));
                return true;
            case AkkaRecoveryCompleted:
                SendChunk();
                _lastAcceptedZxid = _lastDurableZxid;
                _log.Info("txn log {0}: recovered snapshot zxid 0x{1:x} + {2} txns, last zxid 0x{3:x}, in {4} ms",
                    PersistenceId, _recoveredSnapshotZxid, _replayed, _lastDurableZxid, _recoveryClock.ElapsedMilliseconds);
                NotifyListener(new TxnLogProtocol.RecoveryCompleted(_lastDurableZxid, _recoveredSnapshotZxid, _replayed));
                // As a QuorumPeer child the log is "loaded" now: the data tree starts next and gets the recovery output.
                if (_siblingListener is not null)
                    Context.Parent.Tell(new QuorumPeer.QuorumPeerProtocol.Ready(QuorumPeer.ActorNames.TxnLog));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Recovery output goes to the listener; a sibling listener (the data-tree, started after this actor) gets it
    /// through the QuorumPeer, which holds it until that sibling exists.
    /// </summary>
    private void NotifyListener(object message)
    {
        if (_listener is not null)
            _listener.Tell(message);
        else
            Context.Parent.Tell(new QuorumPeer.QuorumPeerProtocol.Deliver(_siblingListener!, message));
    }

    private void SendChunk()
    {
        if (_chunk.Count == 0)
            return;
        NotifyListener(new RecoveryChunk(_chunk));
        _chunk = new List<TxnLogged>(Math.Min(_settings.RecoveryChunkSize, 1024));
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case Append append:
                OnAppend(append);
                return true;
            case TxnLogProtocol.SaveSnapshot save:
                OnSaveSnapshot(save);
                return true;
            case Truncate truncate:
                OnTruncate(truncate);
                return true;
            case SaveSnapshotSuccess success:
                OnSnapshotSaved(success.Metadata);
                return true;
            case TrimCheck:
                TrimWhenIdle();
                return true;
            case SaveSnapshotFailure failure:
                _log.Error(failure.Cause, "txn log {0}: saving the snapshot at sequence nr {1} failed; stopping",
                    PersistenceId, failure.Metadata.SequenceNr);
                Context.Stop(Self);
                return true;
            case Purge purge:
                OnPurge(purge);
                return true;
            case DeleteMessagesSuccess:
            case DeleteSnapshotsSuccess:
                PurgeStepDone();
                return true;
            case DeleteMessagesFailure failure:
                _log.Warning("txn log {0}: purging journal entries up to sequence nr {1} failed: {2}", PersistenceId, failure.ToSequenceNr, failure.Cause);
                PurgeStepDone();
                return true;
            case DeleteSnapshotsFailure failure:
                _log.Warning("txn log {0}: purging old snapshots failed: {1}", PersistenceId, failure.Cause);
                PurgeStepDone();
                return true;
            case GetStats:
                Sender.Tell(new Stats(_appends, _journalWrites, _largestWrite, _lastDurableZxid, _snapshots.Count));
                return true;
            default:
                return false;
        }
    }

    private void OnAppend(Append append)
    {
        if (append.Zxid <= _lastAcceptedZxid)
        {
            Sender.Tell(new AppendRejected(append.Zxid, append.Context,
                $"zxid 0x{append.Zxid:x} is not above the last appended zxid 0x{_lastAcceptedZxid:x}"));
            return;
        }
        _lastAcceptedZxid = append.Zxid;
        _trim.Appended(DateTime.UtcNow);
        var pending = new PendingAppend(append, Sender);
        if (_settings.GroupCommit == GroupCommit.PersistAsync)
        {
            _journalWrites++;
            _largestWrite = Math.Max(_largestWrite, 1);
            PersistAsync(new TxnLogged(append.Zxid, append.Txn), e => OnDurable(e, pending));
            return;
        }
        // Group commit: while one group is in the journal, new appends wait here and become the next group,
        // written as one AtomicWrite (one transaction). PersistAllAsync does not stash commands, so appends keep
        // arriving during the write.
        _buffer.Add(pending);
        if (!_writing)
            WriteBuffer();
    }

    private void WriteBuffer()
    {
        var batch = _buffer;
        _buffer = [];
        _writing = true;
        _journalWrites++;
        _largestWrite = Math.Max(_largestWrite, batch.Count);
        var next = 0;
        PersistAllAsync(batch.Select(p => new TxnLogged(p.Append.Zxid, p.Append.Txn)), e =>
        {
            OnDurable(e, batch[next], lastOfWrite: next == batch.Count - 1);
            if (++next < batch.Count)
                return;
            _writing = false;
            if (_buffer.Count > 0)
                WriteBuffer();
        });
    }

    private void OnDurable(TxnLogged txn, PendingAppend pending, bool lastOfWrite = true)
    {
        _appends++;
        _index.Add(LastSequenceNr, txn.Zxid);
        _lastDurableZxid = txn.Zxid;
        pending.ReplyTo.Tell(new Appended(txn.Zxid, pending.Append.Context, lastOfWrite));
        if (_snapshotsAwaitingAppend.Count > 0)
            SaveSnapshotsNowDurable();
    }

    private void OnSaveSnapshot(TxnLogProtocol.SaveSnapshot save)
    {
        // An ensemble member applies a committed txn while its own append may still be in the journal write: a
        // snapshot of that tree is stored once the append is durable, so it never claims a zxid the log could lose.
        if (save.LastZxid > _lastDurableZxid && save.LastZxid <= _lastAcceptedZxid)
        {
            _snapshotsAwaitingAppend.Add((save, Sender));
            return;
        }
        SaveOrReject(save, Sender);
    }

    private void SaveSnapshotsNowDurable()
    {
        foreach (var waiting in _snapshotsAwaitingAppend.Where(w => w.Save.LastZxid <= _lastDurableZxid).ToList())
        {
            _snapshotsAwaitingAppend.Remove(waiting);
            SaveOrReject(waiting.Save, waiting.ReplyTo);
        }
    }

    private void SaveOrReject(TxnLogProtocol.SaveSnapshot save, IActorRef replyTo)
    {
        if (_index.Find(save.LastZxid) is not { } mark)
        {
            replyTo.Tell(new SnapshotRejected(save.LastZxid,
                $"zxid 0x{save.LastZxid:x} is not in the txn log since the latest snapshot (0x{_index.Start.LastZxid:x}..0x{_index.Last.LastZxid:x})"));
            return;
        }
        StartSave(mark, new TreeSnapshot(save.LastZxid, save.Data), replyTo);
    }

    private void OnTruncate(Truncate truncate)
    {
        if (_writing || _buffer.Count > 0 || _lastAcceptedZxid != _lastDurableZxid)
        {
            Sender.Tell(new SnapshotRejected(truncate.LastZxid, "appends are still in flight; truncate only while the log is idle"));
            return;
        }
        // Stored at the current end of the journal: recovery resumes after it and never replays discarded txns.
        var mark = new SnapshotMark(LastSequenceNr, truncate.LastZxid);
        _log.Info("txn log {0}: truncating to zxid 0x{1:x} (discarding up to 0x{2:x})", PersistenceId, truncate.LastZxid, _lastAcceptedZxid);
        _index.Restart(mark);
        _lastAcceptedZxid = truncate.LastZxid;
        _lastDurableZxid = truncate.LastZxid;
        StartSave(mark, new TreeSnapshot(truncate.LastZxid, truncate.Data), Sender);
    }

    private void StartSave(SnapshotMark mark, TreeSnapshot tree, IActorRef replyTo)
    {
        var earlier = _snapshots.Where(m => m.SequenceNr < mark.SequenceNr).ToArray();
        _pendingSnapshots[mark.SequenceNr] = new PendingSnapshot(mark, replyTo, tree.Data.Length);
        SnapshotStore.Tell(new Akka.Persistence.SaveSnapshot(
            new SnapshotMetadata(SnapshotterId, mark.SequenceNr, DateTime.UtcNow),
            new SnapshotRecord(tree, earlier)));
    }

    private void OnSnapshotSaved(SnapshotMetadata metadata)
    {
        if (!_pendingSnapshots.Remove(metadata.SequenceNr, out var pending))
            return;
        _snapshots.RemoveAll(m => m.SequenceNr >= pending.Mark.SequenceNr);
        _snapshots.Add(pending.Mark);
        _index.ResetTo(pending.Mark);
        _log.Info("txn log {0}: snapshot at zxid 0x{1:x} saved (sequence nr {2})", PersistenceId, pending.Mark.LastZxid, pending.Mark.SequenceNr);
        pending.ReplyTo.Tell(new SnapshotSaved(pending.Mark.LastZxid));
        if (_trim.SnapshotSaved(pending.Bytes) && !Timers.IsTimerActive("trim"))
            Timers.StartPeriodicTimer("trim", TrimCheck.Instance, TimeSpan.FromSeconds(1));
    }

    private void TrimWhenIdle()
    {
        if (!_trim.TakeDue(DateTime.UtcNow, savingSnapshot: _pendingSnapshots.Count > 0))
            return;
        Timers.Cancel("trim");
        var clock = Stopwatch.StartNew();
        var returned = IdleMemoryTrim.Trim();
        _log.Info("txn log {0}: idle after a large snapshot; a compacting collection took {1} ms and returned {2} MiB to the OS",
            PersistenceId, clock.ElapsedMilliseconds, returned >> 20);
    }

    private void OnPurge(Purge purge)
    {
        if (_purge is not null || purge.RetainCount < 1)
        {
            Sender.Tell(new Purged(0, 0));
            return;
        }
        var plan = SnapshotRetention.PlanPurge(_snapshots, purge.RetainCount);
        if (plan is null)
        {
            Sender.Tell(new Purged(0, 0));
            return;
        }
        var steps = 1;
        DeleteMessages(plan.DeleteJournalUpTo.SequenceNr);
        if (plan.SnapshotsDeleted > 0)
        {
            steps++;
            DeleteSnapshots(new SnapshotSelectionCriteria(plan.DeleteSnapshotsUpToSequenceNr));
        }
        _snapshots = [.. plan.Kept];
        _purge = new PendingPurge(Sender, new Purged(plan.SnapshotsDeleted, plan.DeleteJournalUpTo.LastZxid), steps);
        _log.Info("txn log {0}: purging {1} snapshots and the journal up to zxid 0x{2:x}",
            PersistenceId, plan.SnapshotsDeleted, plan.DeleteJournalUpTo.LastZxid);
    }

    private void PurgeStepDone()
    {
        if (_purge is null)
            return;
        _purge = _purge with { StepsLeft = _purge.StepsLeft - 1 };
        if (_purge.StepsLeft > 0)
            return;
        _purge.ReplyTo.Tell(_purge.Result);
        _purge = null;
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        var store = _settings.Plugin == TxnLogPlugin.Sqlite ? $"{_settings.JournalPath} or {_settings.SnapshotPath}" : "PostgreSQL";
        _log.Error(reason, "txn log {0}: recovery failed, the journal or snapshot store ({1}) cannot be read ({2}); stopping instead of starting empty",
            PersistenceId, store, reason.Message);
        // Akka stops this actor after a failed recovery; as a QuorumPeer child that must stop the node, not leave it half started
        if (_siblingListener is not null)
            Context.Parent.Tell(new QuorumPeer.QuorumPeerProtocol.StartFailed(QuorumPeer.ActorNames.TxnLog,
                $"txn log recovery failed, {store} cannot be read: {reason.Message}"));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "txn log {0}: journal write failed at sequence nr {1} ({2}); stopping", PersistenceId, sequenceNr, cause.Message);
        Context.Stop(Self);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "txn log {0}: journal rejected the write at sequence nr {1} ({2}); stopping", PersistenceId, sequenceNr, cause.Message);
        Context.Stop(Self);
    }

    private sealed record PendingAppend(Append Append, IActorRef ReplyTo);

    private sealed record PendingSnapshot(SnapshotMark Mark, IActorRef ReplyTo, int Bytes);

    private sealed class TrimCheck
    {
        public static readonly TrimCheck Instance = new();
    }

    private sealed record PendingPurge(IActorRef ReplyTo, Purged Result, int StepsLeft);
}
