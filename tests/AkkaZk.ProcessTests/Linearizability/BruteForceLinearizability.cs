namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>
/// A second opinion for small single-key histories, written apart from the checker (its own search and its own
/// register semantics): tries every order that respects real time, where an indeterminate op may come anywhere
/// after its invocation or not at all.
/// </summary>
public static class BruteForceLinearizability
{
    public static bool IsLinearizable(History history)
    {
        var ops = history.Ops;
        if (ops.Count > 12)
            throw new ArgumentException("brute force is for small histories", nameof(history));
        var mustPrecede = new int[ops.Count];
        for (var i = 0; i < ops.Count; i++)
        {
            for (var j = 0; j < ops.Count; j++)
            {
                if (ops[j].Complete is { } c && c < ops[i].Invoke)
                    mustPrecede[i] |= 1 << j;
            }
        }
        var required = 0;
        for (var i = 0; i < ops.Count; i++)
        {
            if (!ops[i].IsIndeterminate)
                required |= 1 << i;
        }
        var initial = history.InitialOf("");
        return Search(ops, mustPrecede, required, 0, initial.Value, initial.Version);
    }

    private static bool Search(IReadOnlyList<RegisterOp> ops, int[] mustPrecede, int required, int done, int? value, int version)
    {
        if ((done & required) == required)
            return true;
        for (var i = 0; i < ops.Count; i++)
        {
            // only determinate ops constrain what follows: an indeterminate one has no response
            if ((done & (1 << i)) != 0 || (mustPrecede[i] & ~done & required) != 0)
                continue;
            var op = ops[i];
            if (op.IsIndeterminate)
            {
                // taking effect; dropping it is the other branch, which not choosing it here covers
                var applies = op.Kind == OpKind.Write || op.Kind == OpKind.Cas && op.ExpectedVersion == version;
                if (applies && Search(ops, mustPrecede, required, done | (1 << i), op.Value, version + 1))
                    return true;
                continue;
            }
            var legal = op.Kind switch
            {
                OpKind.Read => op.Value == value && (op.Version ?? version) == version,
                OpKind.Write => (op.Version ?? version + 1) == version + 1,
                _ => op.Ok ? op.ExpectedVersion == version && (op.Version ?? version + 1) == version + 1 : op.ExpectedVersion != version,
            };
            if (!legal)
                continue;
            var changes = op.Kind == OpKind.Write || op.Kind == OpKind.Cas && op.Ok;
            if (Search(ops, mustPrecede, required, done | (1 << i), changes ? op.Value : value, changes ? version + 1 : version))
                return true;
        }
        return false;
    }
}
