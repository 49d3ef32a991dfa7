using System.Globalization;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// Judges the tree a node recovered after a kill -9 against what its writers were told. The recovered txns must be a
/// prefix of the txn log, so for every writer:
/// <list type="bullet">
/// <item>creates: every acknowledged n-{k} is there with its data and its acknowledged zxid as czxid; the n-{k}
/// that exist are exactly n-0..n-{m-1} (unacknowledged ones may survive, but only as a prefix); czxid grows with k;
/// the parent's cversion and numChildren both equal m (each create applied once).</item>
/// <item>sets: key k-{j} holds a counter v with acked ≤ v ≤ sent; dataVersion = v (every set applied once, none
/// skipped); if v is the acknowledged counter, mzxid is its acknowledged zxid.</item>
/// <item>sequentials: the shared parent's children are s-0000000000..s-{n-1} without gaps, n = cversion =
/// numChildren, each payload exactly once, czxid growing with the suffix; per writer the payloads present are a
/// prefix, and every acknowledged one is at the name and zxid it was acknowledged with.</item>
/// </list>
/// And no zxid in the subtree is above the server's last zxid, which is at least the highest acknowledged one.
/// </summary>
public static class CrashCheck
{
    public static IReadOnlyList<string> Violations(CrashWorkload workload, IReadOnlyDictionary<string, ZnodeState> tree, long lastZxid)
    {
        var problems = new List<string>();
        foreach (var ledger in workload.Ledgers)
        {
            problems.AddRange(ledger.Rejections.Select(r => $"w{ledger.Writer}: server rejected a request: {r}"));
            CheckCreates(workload, ledger, tree, problems);
            CheckSets(workload, ledger, tree, problems);
        }
        CheckSequentials(workload, tree, problems);
        var maxAcked = workload.MaxAckedZxid;
        if (lastZxid < maxAcked)
            problems.Add($"server's last zxid 0x{lastZxid:x} is below the highest acknowledged zxid 0x{maxAcked:x}");
        foreach (var node in tree.Values.Where(n => n.Stat.Czxid > lastZxid || n.Stat.Mzxid > lastZxid || n.Stat.Pzxid > lastZxid))
            problems.Add($"zxid above the server's last zxid 0x{lastZxid:x}: {node}");
        return problems;
    }

    private static void CheckCreates(CrashWorkload workload, CrashLedger ledger, IReadOnlyDictionary<string, ZnodeState> tree, List<string> problems)
    {
        var parent = workload.NodesOf(ledger.Writer);
        var present = tree.Values.Where(n => IsChildOf(n.Path, parent)).ToDictionary(n => n.Path[(parent.Length + 1)..]);
        var count = present.Count;
        for (var k = 0; k < count; k++)
        {
            if (!present.TryGetValue(CrashWorkload.NodeName(k), out var node))
                problems.Add($"w{ledger.Writer}: {count} creates survived but {parent}/{CrashWorkload.NodeName(k)} is missing (not a prefix)");
            else if (node.Data != CrashWorkload.CreateData(ledger.Writer, k) || node.Stat.Version != 0)
                problems.Add($"w{ledger.Writer}: unexpected {node}");
        }
        if (count > ledger.CreatesSent)
            problems.Add($"w{ledger.Writer}: {count} nodes under {parent} but only {ledger.CreatesSent} creates were sent");
        foreach (var (k, zxid) in ledger.CreatesAcked)
        {
            if (!present.TryGetValue(CrashWorkload.NodeName(k), out var node))
                problems.Add($"w{ledger.Writer}: acknowledged create {parent}/{CrashWorkload.NodeName(k)} (zxid 0x{zxid:x}) is lost");
            else if (node.Stat.Czxid != zxid)
                problems.Add($"w{ledger.Writer}: {node.Path} was acknowledged at zxid 0x{zxid:x} but has czxid 0x{node.Stat.Czxid:x}");
        }
        var czxids = Enumerable.Range(0, count).Select(k => present.GetValueOrDefault(CrashWorkload.NodeName(k))?.Stat.Czxid ?? 0).ToList();
        for (var k = 1; k < czxids.Count; k++)
        {
            if (czxids[k] <= czxids[k - 1])
                problems.Add($"w{ledger.Writer}: {CrashWorkload.NodeName(k)} czxid 0x{czxids[k]:x} is not above its predecessor's 0x{czxids[k - 1]:x}");
        }
        if (tree.TryGetValue(parent, out var p) && (p.Stat.Cversion != count || p.Stat.NumChildren != count))
            problems.Add($"w{ledger.Writer}: {count} children but {p}");
    }

    private static void CheckSets(CrashWorkload workload, CrashLedger ledger, IReadOnlyDictionary<string, ZnodeState> tree, List<string> problems)
    {
        for (var j = 0; j < workload.Keys; j++)
        {
            var path = $"{workload.KeysOf(ledger.Writer)}/{CrashWorkload.KeyName(j)}";
            if (!tree.TryGetValue(path, out var node))
            {
                problems.Add($"w{ledger.Writer}: key {path} is missing");
                continue;
            }
            var (acked, ackedZxid) = ledger.SetsAcked[j];
            var sent = ledger.SetsSent[j];
            if (!int.TryParse(node.Data, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                problems.Add($"w{ledger.Writer}: key holds no counter: {node}");
            else if (value < acked || value > sent)
                problems.Add($"w{ledger.Writer}: key counter {value} is outside acknowledged {acked} .. sent {sent}: {node}");
            else if (node.Stat.Version != value)
                problems.Add($"w{ledger.Writer}: key counter {value} after {value} sets but dataVersion {node.Stat.Version}: {node}");
            else if (value == acked && acked > 0 && node.Stat.Mzxid != ackedZxid)
                problems.Add($"w{ledger.Writer}: set {acked} was acknowledged at zxid 0x{ackedZxid:x} but {node}");
        }
    }

    private static void CheckSequentials(CrashWorkload workload, IReadOnlyDictionary<string, ZnodeState> tree, List<string> problems)
    {
        var parent = workload.Sequential;
        var children = tree.Values.Where(n => IsChildOf(n.Path, parent)).OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
        for (var i = 0; i < children.Count; i++)
        {
            var expected = $"{parent}/s-{i:D10}";
            if (children[i].Path != expected)
            {
                problems.Add($"sequential names have a gap or a stranger: expected {expected}, found {children[i].Path}");
                break;
            }
            if (i > 0 && children[i].Stat.Czxid <= children[i - 1].Stat.Czxid)
                problems.Add($"sequential {children[i].Path} czxid 0x{children[i].Stat.Czxid:x} is not above its predecessor's");
        }
        if (tree.TryGetValue(parent, out var p) && (p.Stat.Cversion != children.Count || p.Stat.NumChildren != children.Count))
            problems.Add($"{children.Count} sequential children but {p}");
        var byData = children.GroupBy(c => c.Data).ToDictionary(g => g.Key, g => g.ToList());
        problems.AddRange(byData.Where(g => g.Value.Count > 1).Select(g => $"payload {g.Key} applied {g.Value.Count} times: {string.Join(", ", g.Value.Select(v => v.Path))}"));
        foreach (var ledger in workload.Ledgers)
        {
            var mine = Enumerable.Range(0, ledger.SequentialsSent).Select(m => byData.ContainsKey(CrashWorkload.SequentialData(ledger.Writer, m))).ToList();
            var survived = mine.Count(x => x);
            if (mine.Take(survived).Any(x => !x))
                problems.Add($"w{ledger.Writer}: {survived} sequentials survived but not as a prefix of the {ledger.SequentialsSent} sent");
            if (children.Any(c => c.Data.StartsWith($"w{ledger.Writer}-", StringComparison.Ordinal) && !IsSent(c.Data, ledger)))
                problems.Add($"w{ledger.Writer}: a sequential payload was never sent");
            foreach (var (m, (name, zxid)) in ledger.SequentialsAcked)
            {
                var data = CrashWorkload.SequentialData(ledger.Writer, m);
                if (!byData.TryGetValue(data, out var nodes))
                    problems.Add($"w{ledger.Writer}: acknowledged sequential {name} ({data}, zxid 0x{zxid:x}) is lost");
                else if (nodes[0].Path != name || nodes[0].Stat.Czxid != zxid)
                    problems.Add($"w{ledger.Writer}: {data} was acknowledged as {name} at zxid 0x{zxid:x} but is {nodes[0]}");
            }
        }
    }

    private static bool IsSent(string data, CrashLedger ledger) =>
        int.TryParse(data[(data.IndexOf('-') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < ledger.SequentialsSent;

    private static bool IsChildOf(string path, string parent) =>
        path.Length > parent.Length + 1 && path.StartsWith(parent + "/", StringComparison.Ordinal) && path.IndexOf('/', parent.Length + 1) < 0;
}
