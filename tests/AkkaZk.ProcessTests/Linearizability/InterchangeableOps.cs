namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>
/// Symmetry reduction for indeterminate ops whose value no read ever returned. Such an op, if it takes effect,
/// only raises the version: two unconditional writes of that kind are interchangeable, and so are two CAS on the
/// same expected version. Any linearization that uses a later-invoked one of a class in place of an earlier one
/// can swap them (the earlier one was already invoked wherever the later one stands, and an indeterminate op has
/// no response to come before), so the search only takes each class in invocation order. Without this, every gap
/// in the versions could be filled by any of the hundreds of lost writes of a long faulty run.
/// </summary>
internal sealed class InterchangeableOps
{
    private readonly int[] _class;
    private readonly int[] _rank;
    private readonly int[] _taken;

    /// <param name="ops">the ops, indexed by id</param>
    public InterchangeableOps(IReadOnlyList<RegisterOp> ops)
    {
        var read = ops.Where(op => op.Kind == OpKind.Read && !op.IsIndeterminate).Select(op => op.Value).ToHashSet();
        var classes = new Dictionary<(OpKind, int), int>();
        var sizes = new List<int>();
        _class = new int[ops.Count];
        _rank = new int[ops.Count];
        Array.Fill(_class, -1);
        // invocation order, ties by id: the order of the search's call entries
        foreach (var id in Enumerable.Range(0, ops.Count).OrderBy(i => ops[i].Invoke).ThenBy(i => i))
        {
            var op = ops[id];
            if (!op.IsIndeterminate || op.Kind == OpKind.Read || read.Contains(op.Value))
                continue;
            var key = (op.Kind, op.Kind == OpKind.Cas ? op.ExpectedVersion : 0);
            if (!classes.TryGetValue(key, out var c))
            {
                c = classes[key] = sizes.Count;
                sizes.Add(0);
            }
            _class[id] = c;
            _rank[id] = sizes[c]++;
        }
        _taken = new int[sizes.Count];
    }

    /// <summary>False while an earlier-invoked op of the same class is not linearized.</summary>
    public bool IsNext(int id) => _class[id] < 0 || _taken[_class[id]] == _rank[id];

    public void Take(int id)
    {
        if (_class[id] >= 0)
            _taken[_class[id]]++;
    }

    public void Untake(int id)
    {
        if (_class[id] >= 0)
            _taken[_class[id]]--;
    }
}
