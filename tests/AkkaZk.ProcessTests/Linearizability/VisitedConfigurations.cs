namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>
/// Lowe's memoization for the WGL search: every (set of linearized ops, register state) already explored. The set
/// is hashed Zobrist-style (one random word per op, XORed in and out) so that a step costs O(1) to hash. It is
/// stored compactly, as "every id below Top except Missing": with ids in invocation order a linearized set is
/// nearly a prefix (the exceptions are the open ops and the lost ops never placed), so long histories do not
/// cost a full bitset per configuration.
/// </summary>
internal sealed class VisitedConfigurations
{
    private sealed class Node(int top, int[] missing, RegisterState state, Node? next)
    {
        public int Top { get; } = top;
        public int[] Missing { get; } = missing;
        public RegisterState State { get; } = state;
        public Node? Next { get; } = next;
    }

    private readonly Dictionary<ulong, Node> _buckets = new();
    private readonly ulong[] _opHashes;

    public VisitedConfigurations(int ops)
    {
        // fixed seed: the same history is searched the same way every time
        var random = new Random(4711);
        _opHashes = new ulong[ops];
        for (var i = 0; i < ops; i++)
            _opHashes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
    }

    public int Count { get; private set; }

    /// <summary>The hash of the linearized set after op <paramref name="op"/> joins or leaves it.</summary>
    public ulong Toggle(ulong setHash, int op) => setHash ^ _opHashes[op];

    /// <summary>Records the configuration; false when it was seen before.</summary>
    public bool Add(ulong setHash, ulong[] bits, RegisterState state)
    {
        var key = setHash ^ Mix(state);
        _buckets.TryGetValue(key, out var first);
        var (top, missing) = Compact(bits);
        for (var node = first; node is not null; node = node.Next)
        {
            if (node.State == state && node.Top == top && node.Missing.AsSpan().SequenceEqual(missing))
                return false;
        }
        _buckets[key] = new Node(top, missing, state, first);
        Count++;
        return true;
    }

    /// <summary>One past the highest id in the set, and the ids below it that are not in it.</summary>
    private static (int Top, int[] Missing) Compact(ulong[] bits)
    {
        var words = bits.AsSpan();
        var last = words.LastIndexOfAnyExcept(0UL);
        if (last < 0)
            return (0, []);
        var top = last * 64 + 64 - System.Numerics.BitOperations.LeadingZeroCount(words[last]);
        var missing = new List<int>();
        for (var w = words[..(last + 1)].IndexOfAnyExcept(ulong.MaxValue); w >= 0 && w <= last; w++)
        {
            for (var holes = ~words[w]; holes != 0; holes &= holes - 1)
            {
                var id = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(holes);
                if (id < top)
                    missing.Add(id);
            }
            var skip = words[(w + 1)..(last + 1)].IndexOfAnyExcept(ulong.MaxValue);
            if (skip < 0)
                break;
            w += skip;
        }
        return (top, missing.ToArray());
    }

    private static ulong Mix(RegisterState state)
    {
        // splitmix64 finalizer over (value, version)
        var z = ((ulong)(uint)(state.Value ?? int.MinValue) << 32 | (uint)state.Version) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        // absent and int.MinValue differ in the version they come with; keep them apart all the same
        return state.Value is null ? ~z : z;
    }
}
