using Akka.Actor;
using Akka.Event;
using AkkaZk.Protocol;
using AkkaZk.Quorum;
using AkkaZk.Sessions;
using static AkkaZk.Database.ReplicationProtocol;

namespace AkkaZk.Zab;

/// <summary>The leader's synchronisation of each learner and its broadcast: proposals, acknowledgements, commits.</summary>
internal sealed partial class LeaderActor
{
    /// <summary>The data tree planned a learner's sync: send it, then every proposal after it, then NEWLEADER.</summary>
    private void OnSyncPlanned(SyncPlanned plan)
    {
        if (!_learners.TryGetValue(plan.Sid, out var learner) || learner.State != LearnerHandle.Phase.Planning)
            return;
        var lastSent = plan.Zxid;
        if (plan.Mode == SyncMode.Diff)
        {
            learner.Send(new SyncDiff(plan.Zxid));
            foreach (var (zxid, txn) in plan.Txns)
                SendCommitted(learner, zxid, txn);
            _log.Info("syncing learner {0} by DIFF: {1} txns from 0x{2:x} to 0x{3:x}", learner.Sid, plan.Txns.Count, learner.LastZxid, plan.Zxid);
        }
        else
        {
            var data = plan.Snapshot!;
            var chunks = Math.Max(1, (data.Length + SnapshotChunkBytes - 1) / SnapshotChunkBytes);
            for (var i = 0; i < chunks; i++)
            {
                var offset = i * SnapshotChunkBytes;
                var chunk = data.AsSpan(offset, Math.Min(SnapshotChunkBytes, data.Length - offset)).ToArray();
                learner.Send(new SnapshotChunk(plan.Zxid, i, i == chunks - 1, chunk));
            }
            _log.Info("syncing learner {0} by SNAP at zxid 0x{1:x} ({2} bytes; its last zxid 0x{3:x})", learner.Sid, plan.Zxid, data.Length, learner.LastZxid);
        }
        // LearnerMaster.startForwarding: what was proposed since the plan was made follows, in order
        foreach (var (zxid, txn) in _proposals.Where(p => p.Key > plan.ForwardFrom))
        {
            if (zxid <= _lastCommitted)
                SendCommitted(learner, zxid, txn);
            else if (!learner.Observer)
                learner.Send(new Proposal(zxid, txn));
            else
                continue;
            lastSent = zxid;
        }
        learner.NewLeaderZxid = lastSent;
        learner.State = LearnerHandle.Phase.NewLeaderSent;
        learner.Send(new NewLeader(_epoch, lastSent));
    }

    private static void SendCommitted(LearnerHandle learner, long zxid, byte[] txn)
    {
        if (learner.Observer)
        {
            learner.Send(new Inform(zxid, txn));
            return;
        }
        learner.Send(new Proposal(zxid, txn));
        learner.Send(new Commit(zxid));
    }

    private void OnAck(Ack ack) => FromLearner(ack.Sid, learner =>
    {
        learner.AckedZxid = Math.Max(learner.AckedZxid, ack.Zxid);
        if (learner.State == LearnerHandle.Phase.NewLeaderSent && ack.Zxid >= learner.NewLeaderZxid)
        {
            learner.State = LearnerHandle.Phase.Synced;
            _log.Info("learner {0} acknowledged NEWLEADER at 0x{1:x}", learner.Sid, ack.Zxid);
            if (!learner.Observer)
                _newLeaderAcks.Add(learner.Sid);
            if (_established)
                SendUpToDate(learner);
            else
                EstablishIfQuorum();
        }
        if (!_inBatch)
            TryCommit();
    });

    /// <summary>Leader.waitForNewLeaderAck: a quorum holds the new epoch's history; the epoch becomes current and clients are served.</summary>
    private void EstablishIfQuorum()
    {
        if (!View.Verifier.ContainsQuorum(_newLeaderAcks.Append(View.MyId)))
            return;
        _established = true;
        _settings.Epochs.Write(EpochFiles.Current, _epoch);
        _log.Info("epoch {0} established with {1}: serving", _epoch, string.Join(",", _newLeaderAcks.Append(View.MyId).Order()));
        foreach (var learner in _learners.Values.Where(l => l.State == LearnerHandle.Phase.Synced))
            SendUpToDate(learner);
        _dataTree.Tell(StartServing.Instance);
        _sessions.Tell(new SessionsProtocol.ExpireSessions(true));
        PublishStatus();
    }

    private void SendUpToDate(LearnerHandle learner)
    {
        if (learner.UpToDateSent)
            return;
        learner.UpToDateSent = true;
        learner.Send(new UpToDate(_epoch));
    }

    private void OnProposed(Proposed proposed)
    {
        _proposals[proposed.Zxid] = proposed.Txn;
        _lastProposed = proposed.Zxid;
        var proposal = new Proposal(proposed.Zxid, proposed.Txn);
        foreach (var learner in _learners.Values)
        {
            if (learner.IsForwarding && !learner.Observer)
                learner.Send(proposal);
        }
    }

    /// <summary>The highest zxid a quorum has logged (the leader's own log included) is committed, with everything before it.</summary>
    private void TryCommit()
    {
        if (!_established || _lastCommitted >= _lastProposed)
            return;
        var acked = _learners.Values
            .Where(l => l.State == LearnerHandle.Phase.Synced && !l.Observer)
            .Select(l => (l.Sid, Zxid: l.AckedZxid))
            .Append((Sid: View.MyId, Zxid: _selfLogged))
            .ToList();
        var commitTo = _lastCommitted;
        foreach (var candidate in acked.Select(a => Math.Min(a.Zxid, _lastProposed)).Where(z => z > _lastCommitted).Distinct().OrderDescending())
        {
            if (View.Verifier.ContainsQuorum(acked.Where(a => a.Zxid >= candidate).Select(a => a.Sid)))
            {
                commitTo = candidate;
                break;
            }
        }
        if (commitTo == _lastCommitted)
            return;
        var from = _lastCommitted;
        _lastCommitted = commitTo;
        // Leader.tryToCommit: COMMIT (INFORM for observers) leaves for every learner before this server applies the
        // txns and answers their clients, so a client reading on another server right after its reply sees the write
        var commit = new Commit(commitTo);
        foreach (var learner in _learners.Values.Where(l => l.IsForwarding))
        {
            if (!learner.Observer)
            {
                learner.SendNow(commit);
                continue;
            }
            foreach (var (zxid, txn) in _proposals.Where(p => p.Key > from && p.Key <= commitTo))
                learner.Send(new Inform(zxid, txn));
            learner.Outbox.Flush();
        }
        _dataTree.Tell(new Committed(commitTo));
        AnswerSyncs();
        TrimProposals();
    }

    private void TrimProposals()
    {
        while (_proposals.Count > KeptCommittedProposals && _proposals.First().Key <= _lastCommitted)
            _proposals.Remove(_proposals.First().Key);
    }

    /// <summary>A learner's sync waits until everything proposed before it is committed; the COMMITs reach it first.</summary>
    private void AnswerSyncWhenCommitted(LearnerHandle learner, long token)
    {
        if (_lastProposed <= _lastCommitted)
            learner.Send(new SyncDone(token, _lastProposed));
        else
            _waitingSyncs.Add((_lastProposed, learner, token));
    }

    private void AnswerSyncs()
    {
        for (var i = _waitingSyncs.Count - 1; i >= 0; i--)
        {
            var (zxid, learner, token) = _waitingSyncs[i];
            if (zxid > _lastCommitted)
                continue;
            _waitingSyncs.RemoveAt(i);
            learner.Send(new SyncDone(token, zxid));
        }
    }

    /// <summary>A learner's client write: decoded here and prepared by the data tree like a local one.</summary>
    private void OnForwardedRequest(ForwardedRequest request) => FromLearner(request.Sid, learner =>
    {
        if (!_established)
            return;
        if (ForwardedRequests.Decode(request) is not { } write)
        {
            _log.Warning("learner {0} forwarded an undecodable {1} request; ignoring it", learner.Sid, (OpCode)request.Type);
            return;
        }
        _dataTree.Tell(write);
    });
}
