using System.Globalization;
using AkkaZk.ProcessTests.Durability;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// Judges one server's tree against what the <see cref="FailoverWriter"/>s were told. Unacknowledged writes (their
/// connection broke) may or may not have been applied, so for every writer:
/// <list type="bullet">
/// <item>creates: every acknowledged n-{k} is there with its data, version 0 and its acknowledged zxid as czxid;
/// every n-{k} present was sent (k below the writer's count) and holds its own data; the parent's cversion equals
/// numChildren (each create applied once).</item>
/// <item>sets: key k-{j} holds a counter v with acked ≤ v ≤ sent and dataVersion ≤ v (no set applied twice); if v
/// is the acknowledged counter, mzxid is its acknowledged zxid.</item>
/// </list>
/// </summary>
public static class FailoverCheck
{
    public static IReadOnlyList<string> Violations(IEnumerable<FailoverWriter> writers, IReadOnlyDictionary<string, ZnodeState> tree)
    {
        var problems = new List<string>();
        foreach (var writer in writers)
        {
            var ledger = writer.Ledger;
            var w = ledger.Writer;
            problems.AddRange(ledger.Rejections.Select(r => $"w{w}: server rejected a request: {r}"));
            var present = tree.Values.Where(n => IsChildOf(n.Path, writer.Nodes)).ToList();
            foreach (var node in present)
            {
                var name = node.Path[(writer.Nodes.Length + 1)..];
                if (!name.StartsWith("n-", StringComparison.Ordinal) ||
                    !int.TryParse(name[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k >= ledger.CreatesSent)
                    problems.Add($"w{w}: a node that was never sent: {node}");
                else if (node.Data != FailoverWriter.CreateData(w, k) || node.Stat.Version != 0)
                    problems.Add($"w{w}: unexpected {node}");
            }
            foreach (var (k, zxid) in ledger.CreatesAcked)
            {
                var path = $"{writer.Nodes}/{FailoverWriter.NodeName(k)}";
                if (!tree.TryGetValue(path, out var node))
                    problems.Add($"w{w}: acknowledged create {path} (zxid 0x{zxid:x}) is lost");
                else if (node.Stat.Czxid != zxid)
                    problems.Add($"w{w}: {path} was acknowledged at zxid 0x{zxid:x} but has czxid 0x{node.Stat.Czxid:x}");
            }
            if (tree.TryGetValue(writer.Nodes, out var parent) && (parent.Stat.Cversion != present.Count || parent.Stat.NumChildren != present.Count))
                problems.Add($"w{w}: {present.Count} children but {parent}");
            for (var j = 0; j < ledger.Keys; j++)
            {
                var path = $"{writer.Keys}/{FailoverWriter.KeyName(j)}";
                if (!tree.TryGetValue(path, out var node))
                {
                    problems.Add($"w{w}: key {path} is missing");
                    continue;
                }
                var (acked, ackedZxid) = ledger.SetsAcked[j];
                var sent = ledger.SetsSent[j];
                if (!int.TryParse(node.Data, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    problems.Add($"w{w}: key holds no counter: {node}");
                else if (value < acked || value > sent)
                    problems.Add($"w{w}: key counter {value} is outside acknowledged {acked} .. sent {sent}: {node}");
                else if (node.Stat.Version > value)
                    problems.Add($"w{w}: key counter {value} but dataVersion {node.Stat.Version} (a set applied twice?): {node}");
                else if (value == acked && acked > 0 && node.Stat.Mzxid != ackedZxid)
                    problems.Add($"w{w}: set {acked} was acknowledged at zxid 0x{ackedZxid:x} but {node}");
            }
        }
        return problems;
    }

    private static bool IsChildOf(string path, string parent) =>
        path.StartsWith(parent + "/", StringComparison.Ordinal) && path.IndexOf('/', parent.Length + 1) < 0;
}
