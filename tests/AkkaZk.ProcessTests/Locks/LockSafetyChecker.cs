namespace AkkaZk.ProcessTests.Locks;

/// <summary>
/// Judges a lock stress history by what ZooKeeper guarantees: the holder of a lock recipe is the session whose znode
/// is the lowest child of the lock, a session's operations take effect in the order it issued them, and each
/// server applies txns in zxid order. Per lock, the holders that wrote the counter, in the order of their writes'
/// zxids, must then form one chain in server order:
/// <list type="bullet">
/// <item>each holder's own read of the children shows its session's znode as the lowest (owner = session);</item>
/// <item>each tenure [pzxid of that read, zxid of the holder's counter write] is non-empty and ends before the next
/// one begins: the next holder's read can show its znode lowest only after this holder's znode was deleted, which
/// this holder does after its write;</item>
/// <item>each holder read exactly the previous holder's write (value and mzxid), wrote value + 1 on that version,
/// and its lock znode's sequence number is above the previous holder's;</item>
/// <item>no conditional write failed with BadVersion, no read-back after a lost reply found another writer;</item>
/// <item>the final counter equals the number of writes that took effect (up to the writes whose fate is unknown);</item>
/// <item>no two sessions of one client process acted as holders at once (the in-process check, which assumes only
/// that a client hears of a broken connection before its session expires).</item>
/// </list>
/// Holders that stopped acting (suspended connection) take no part in the chain.
/// </summary>
public static class LockSafetyChecker
{
    public static IReadOnlyList<string> Violations(LockHistory history)
    {
        var violations = new List<string>();
        foreach (var o in history.LocalOverlaps)
            violations.Add($"{o.Lib} in-process: {o.Holder} became holder of {o.Lock} while {o.Other} still acted as holder");
        foreach (var a in history.Acquisitions)
            violations.AddRange(OwnViolations(a));
        foreach (var byLock in history.Acquisitions.GroupBy(a => a.Lock))
        {
            var unresolved = byLock.Where(a => a.Outcome == "unresolved").ToList();
            var chain = byLock.Where(a => a.Written).OrderBy(a => a.WriteZxid).ToList();
            violations.AddRange(ChainViolations(byLock.Key, chain, unresolved));
            var final = history.Finals.FirstOrDefault(f => f.Lock == byLock.Key);
            violations.AddRange(FinalViolations(byLock.Key, final, chain, unresolved.Count));
        }
        return violations;
    }

    /// <summary>What one acquisition's own record must satisfy.</summary>
    private static IEnumerable<string> OwnViolations(LockAcquisition a)
    {
        switch (a.Outcome)
        {
            case "bad-version":
                yield return $"{a.Id} on {a.Lock}: its conditional write of the counter (read at version {a.ReadVersion}) " +
                             "failed with BadVersion: another holder wrote in between";
                break;
            case "foreign-write":
                yield return $"{a.Id} on {a.Lock}: reading back a write whose reply was lost found another writer's value";
                break;
        }
        if (a.LowestOwner is { } owner && owner != a.Session)
        {
            yield return $"{a.Id} on {a.Lock}: was told it holds the lock, but its own read shows {a.Lowest} lowest, " +
                         $"owned by session 0x{owner:x}, not 0x{a.Session:x}";
        }
        if (a.Node is not null && a.Lowest is not null && a.Node != a.Lowest)
            yield return $"{a.Id} on {a.Lock}: holds {a.Node}, but its own read shows {a.Lowest} lowest";
        if (a.ReadValue is { } value && value != a.ReadVersion)
            yield return $"{a.Id} on {a.Lock}: read counter value {value} at version {a.ReadVersion}; every write adds one to both";
        if (!a.Written)
            yield break;
        if (a.Pzxid is null || a.LowestOwner is null || a.WriteZxid is null)
        {
            yield return $"{a.Id} on {a.Lock}: written, but its record lacks the holder's read or the write's zxid";
            yield break;
        }
        if (a.LowestCzxid > a.Pzxid || a.Pzxid >= a.WriteZxid)
        {
            yield return $"{a.Id} on {a.Lock}: lock znode czxid 0x{a.LowestCzxid:x}, holder's read at pzxid 0x{a.Pzxid:x} " +
                         $"and write at 0x{a.WriteZxid:x} are out of order";
        }
        if (a.WriteValue != a.ReadValue + 1 || a.WriteVersion != a.ReadVersion + 1)
        {
            yield return $"{a.Id} on {a.Lock}: read {a.ReadValue} at version {a.ReadVersion}, wrote {a.WriteValue} " +
                         $"at version {a.WriteVersion}";
        }
    }

    /// <summary>Consecutive writers of one lock, in zxid order, must not overlap and must see each other's writes.</summary>
    private static IEnumerable<string> ChainViolations(string lockPath, IReadOnlyList<LockAcquisition> chain,
        IReadOnlyList<LockAcquisition> unresolved)
    {
        for (var i = 1; i < chain.Count; i++)
        {
            var (p, q) = (chain[i - 1], chain[i]);
            if (q.Pzxid <= p.WriteZxid)
            {
                yield return $"{lockPath}: {q.Id} held from zxid 0x{q.Pzxid:x} (its read showed {q.Lowest} lowest) " +
                             $"before {p.Id}'s write at 0x{p.WriteZxid:x}: the two tenures overlap";
            }
            if (q.WriteZxid == p.WriteZxid)
                yield return $"{lockPath}: {p.Id} and {q.Id} both report the write at 0x{q.WriteZxid:x}";
            var gap = q.ReadValue == p.WriteValue + 1 && unresolved.Any(u => u.WriteValue == q.ReadValue);
            if ((q.ReadValue != p.WriteValue || q.ReadMzxid != p.WriteZxid) && !gap)
            {
                yield return $"{lockPath}: {q.Id} read the counter at {q.ReadValue} (mzxid 0x{q.ReadMzxid:x}), but the " +
                             $"previous write in zxid order was {p.Id}'s {p.WriteValue} at 0x{p.WriteZxid:x}";
            }
            if (LockAcquisition.Sequence(q.Lowest) <= LockAcquisition.Sequence(p.Lowest))
                yield return $"{lockPath}: {q.Id} held through {q.Lowest} after {p.Id} held through {p.Lowest}: sequence went back";
        }
    }

    private static IEnumerable<string> FinalViolations(string lockPath, FinalCounter? final, IReadOnlyList<LockAcquisition> chain,
        int unresolved)
    {
        if (final is null)
        {
            yield return $"{lockPath}: no final counter value was recorded";
            yield break;
        }
        if (final.Value < chain.Count || final.Value > chain.Count + unresolved || final.Value != final.Version)
        {
            yield return $"{lockPath}: the counter ends at {final.Value} (version {final.Version}) after {chain.Count} " +
                         $"completed critical sections and {unresolved} of unknown outcome";
        }
        if (unresolved == 0 && chain.Count > 0 && final.Mzxid != chain[^1].WriteZxid)
            yield return $"{lockPath}: the counter was last written at 0x{final.Mzxid:x}, the last holder wrote at 0x{chain[^1].WriteZxid:x}";
    }

    /// <summary>Per library: acquisitions by outcome, and the locks' counters.</summary>
    public static string Summary(LockHistory history) =>
        string.Join("; ", history.Acquisitions.GroupBy(a => a.Lib).OrderBy(g => g.Key).Select(g =>
            $"{g.Key}: {g.Count()} acquisitions by {g.Select(a => a.Client).Distinct().Count()} clients " +
            $"({string.Join(", ", g.GroupBy(a => a.Outcome).OrderBy(o => o.Key).Select(o => $"{o.Count()} {o.Key}"))}), " +
            $"{g.Select(a => a.Session).Where(s => s is not null).Distinct().Count()} sessions, counters " +
            string.Join("/", history.Finals.Where(f => f.Lib == g.Key).OrderBy(f => f.Lock).Select(f => f.Value))));
}
