using System.Diagnostics;

namespace AkkaZk.ProcessTests.Linearizability;

public enum CheckOutcome
{
    Linearizable,
    NotLinearizable,

    /// <summary>The search ran out of its time budget.</summary>
    Unknown,
}

/// <summary>What the search found for one key; on failure, where it got furthest.</summary>
public sealed record KeyVerdict(
    string Key,
    CheckOutcome Outcome,
    int Ops,
    int LongestPrefix,
    RegisterOp? Unplaceable,
    RegisterState StateAtStuck,
    IReadOnlyList<RegisterOp> LastLinearized,
    IReadOnlyList<RegisterOp> Candidates,
    long Steps,
    int Configurations);

/// <summary>
/// The Wing–Gong linearizability search with Lowe's memoization (as in Porcupine) over one key's ops. Ops are
/// call and return entries in a doubly linked list in time order; the search linearizes the first call whose
/// step is legal and new, and backtracks when it meets a return entry (that op's deadline passed unplaced).
/// Indeterminate ops have no return entry (their response is at +infinity) and need not be linearized at all:
/// the history is linearizable once every determinate op is. Steps past a version some pending op still needs
/// are pruned (<see cref="VersionFloor"/>), and interchangeable lost ops are taken in one order only
/// (<see cref="InterchangeableOps"/>).
/// </summary>
internal static class WglSearch
{
    private const int ReportedNeighbours = 6;

    private sealed class Entry(int id, RegisterOp? op, bool isCall)
    {
        public int Id { get; } = id;
        public RegisterOp? Op { get; } = op;
        public bool IsCall { get; } = isCall;
        public Entry? Match { get; set; }
        public Entry? Prev { get; set; }
        public Entry? Next { get; set; }
    }

    public static KeyVerdict Run(string key, IReadOnlyList<RegisterOp> keyOps, RegisterState initial, Stopwatch clock, TimeSpan budget)
    {
        // an indeterminate read changed nothing and promised nothing; ids in invocation order keep linearized
        // sets close to a prefix (see VisitedConfigurations)
        var ops = keyOps.Where(op => !(op.IsIndeterminate && op.Kind == OpKind.Read)).OrderBy(op => op.Invoke).ToList();
        var head = BuildList(ops);
        var visited = new VisitedConfigurations(ops.Count);
        var bits = new ulong[(ops.Count + 63) / 64];
        ulong setHash = 0;
        var state = initial;
        var stack = new List<(Entry Call, RegisterState Before)>();
        var unplaced = ops.Count(op => !op.IsIndeterminate);
        var interchangeable = new InterchangeableOps(ops);
        var floor = new VersionFloor();
        foreach (var required in ops.Select(VersionFloor.Required).OfType<int>())
            floor.Add(required);
        var best = new KeyVerdict(key, CheckOutcome.NotLinearizable, ops.Count, -1, null, initial, [], [], 0, 0);
        long steps = 0;

        var entry = head.Next;
        while (unplaced > 0)
        {
            if (++steps % 4096 == 0 && clock.Elapsed > budget)
                return best with { Outcome = CheckOutcome.Unknown, Steps = steps, Configurations = visited.Count };
            // every determinate op's return entry is still in the list, so the walk meets one before the end
            Debug.Assert(entry is not null);
            if (entry.IsCall)
            {
                var op = entry.Op!;
                var required = VersionFloor.Required(op);
                if (interchangeable.IsNext(entry.Id) && RegisterModel.TryStep(state, op, out var next))
                {
                    var hash = visited.Toggle(setHash, entry.Id);
                    Set(bits, entry.Id, true);
                    if (required is { } r)
                        floor.Remove(r);
                    if (next.Version <= floor.Min && visited.Add(hash, bits, next))
                    {
                        stack.Add((entry, state));
                        state = next;
                        setHash = hash;
                        if (!op.IsIndeterminate)
                            unplaced--;
                        interchangeable.Take(entry.Id);
                        Lift(entry);
                        entry = head.Next;
                        continue;
                    }
                    if (required is { } back)
                        floor.Add(back);
                    Set(bits, entry.Id, false);
                }
                entry = entry.Next;
                continue;
            }

            if (stack.Count > best.LongestPrefix)
                best = Stuck(key, ops.Count, head, entry, state, stack);
            if (stack.Count == 0)
                return best with { Steps = steps, Configurations = visited.Count };
            var (call, before) = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            state = before;
            setHash = visited.Toggle(setHash, call.Id);
            Set(bits, call.Id, false);
            if (!call.Op!.IsIndeterminate)
                unplaced++;
            interchangeable.Untake(call.Id);
            if (VersionFloor.Required(call.Op) is { } restored)
                floor.Add(restored);
            Unlift(call);
            entry = call.Next;
        }
        return new KeyVerdict(key, CheckOutcome.Linearizable, ops.Count, stack.Count, null, state, [], [], steps, visited.Count);
    }

    /// <summary>Call and return entries by time; at equal times calls first, so touching intervals count as concurrent.</summary>
    private static Entry BuildList(List<RegisterOp> ops)
    {
        var events = new List<(long Time, int Order, int Id)>(ops.Count * 2);
        for (var id = 0; id < ops.Count; id++)
        {
            events.Add((ops[id].Invoke, 0, id));
            if (ops[id].Complete is { } complete)
                events.Add((complete, 1, id));
        }
        events.Sort();
        var head = new Entry(-1, null, isCall: false);
        var calls = new Entry?[ops.Count];
        var tail = head;
        foreach (var (_, order, id) in events)
        {
            var entry = new Entry(id, ops[id], isCall: order == 0);
            if (entry.IsCall)
                calls[id] = entry;
            else
                calls[id]!.Match = entry;
            tail.Next = entry;
            entry.Prev = tail;
            tail = entry;
        }
        return head;
    }

    private static void Lift(Entry call)
    {
        Unlink(call);
        if (call.Match is { } ret)
            Unlink(ret);
    }

    private static void Unlift(Entry call)
    {
        if (call.Match is { } ret)
            Relink(ret);
        Relink(call);
    }

    private static void Unlink(Entry e)
    {
        e.Prev!.Next = e.Next;
        if (e.Next is not null)
            e.Next.Prev = e.Prev;
    }

    private static void Relink(Entry e)
    {
        e.Prev!.Next = e;
        if (e.Next is not null)
            e.Next.Prev = e;
    }

    private static void Set(ulong[] bits, int id, bool on)
    {
        if (on)
            bits[id >> 6] |= 1UL << (id & 63);
        else
            bits[id >> 6] &= ~(1UL << (id & 63));
    }

    /// <summary>The furthest point so far: the op whose deadline passed, the latest calls open before it, the last ops placed.</summary>
    private static KeyVerdict Stuck(string key, int ops, Entry head, Entry ret, RegisterState state, List<(Entry Call, RegisterState Before)> stack)
    {
        // the latest calls are the ops concurrent with it; older open ones are mostly lost ops that never landed
        var candidates = new List<RegisterOp>();
        for (var e = head.Next; e is not null && e != ret; e = e.Next)
        {
            if (e.IsCall && e.Op != ret.Op)
                candidates.Add(e.Op!);
        }
        candidates = candidates.Skip(Math.Max(0, candidates.Count - ReportedNeighbours)).ToList();
        var last = stack.Skip(Math.Max(0, stack.Count - ReportedNeighbours)).Select(s => s.Call.Op!).ToList();
        return new KeyVerdict(key, CheckOutcome.NotLinearizable, ops, stack.Count, ret.Op, state, last, candidates, 0, 0);
    }
}
