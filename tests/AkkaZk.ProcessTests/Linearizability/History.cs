namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>The operations of a run on one or more keys (registers), with each key's state before the first of them.</summary>
public sealed record History(IReadOnlyList<RegisterOp> Ops, IReadOnlyDictionary<string, RegisterState> Initial)
{
    /// <summary>A history on the single key "".</summary>
    public static History Of(RegisterState initial, IEnumerable<RegisterOp> ops) =>
        new(ops.ToList(), new Dictionary<string, RegisterState> { [""] = initial });

    public static History Of(RegisterState initial, params RegisterOp[] ops) => Of(initial, (IEnumerable<RegisterOp>)ops);

    /// <summary>A key nobody gave a state starts absent.</summary>
    public RegisterState InitialOf(string key) => Initial.TryGetValue(key, out var state) ? state : RegisterState.Absent;

    public int Count(Func<RegisterOp, bool> predicate) => Ops.Count(predicate);

    /// <summary>How many ops of each kind, for test output and for checking that a run did something.</summary>
    public string Describe() =>
        $"{Ops.Count} ops: {Count(op => op.Kind == OpKind.Read && !op.IsIndeterminate)} reads, " +
        $"{Count(op => op.Kind == OpKind.Write && !op.IsIndeterminate)} writes, " +
        $"{Count(op => op.Kind == OpKind.Cas && !op.IsIndeterminate && op.Ok)} cas ok, " +
        $"{Count(op => op.Kind == OpKind.Cas && !op.IsIndeterminate && !op.Ok)} cas failed, " +
        $"{Count(op => op.IsIndeterminate)} indeterminate, {Ops.Select(op => op.Process).Distinct().Count()} processes";
}
