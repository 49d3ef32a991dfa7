namespace AkkaZk.TxnLog;

/// <summary>
/// Which journal sequence number holds which zxid, for the txns since the latest snapshot, so a snapshot taken
/// at zxid Z (off the write path, while later txns are being appended) is stored at Z's sequence number.
/// Both grow together, so lookups are binary searches.
/// </summary>
internal sealed class ZxidIndex
{
    private readonly List<SnapshotMark> _marks = [];

    public ZxidIndex(SnapshotMark start) => _marks.Add(start);

    public SnapshotMark Start => _marks[0];
    public SnapshotMark Last => _marks[^1];
    public int Count => _marks.Count;

    public void Add(long sequenceNr, long zxid) => _marks.Add(new SnapshotMark(sequenceNr, zxid));

    /// <summary>The mark of exactly <paramref name="zxid"/>, or null when it is not in the index.</summary>
    public SnapshotMark? Find(long zxid)
    {
        var lo = 0;
        var hi = _marks.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var z = _marks[mid].LastZxid;
            if (z == zxid)
                return _marks[mid];
            if (z < zxid)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return null;
    }

    /// <summary>Forgets everything before <paramref name="start"/>, which becomes the first mark.</summary>
    public void ResetTo(SnapshotMark start)
    {
        var keepFrom = _marks.FindIndex(m => m.SequenceNr > start.SequenceNr);
        var tail = keepFrom < 0 ? [] : _marks.GetRange(keepFrom, _marks.Count - keepFrom);
        _marks.Clear();
        _marks.Add(start);
        _marks.AddRange(tail);
    }

    /// <summary>After a TRUNC snapshot: nothing journaled before it counts any more.</summary>
    public void Restart(SnapshotMark start)
    {
        _marks.Clear();
        _marks.Add(start);
    }
}
