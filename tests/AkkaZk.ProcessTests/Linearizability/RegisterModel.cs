namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>The sequential specification of a znode register: what each op does to the state, and what it may answer.</summary>
public static class RegisterModel
{
    /// <summary>
    /// Applies <paramref name="op"/> at a point where the register is <paramref name="state"/>: false when the op
    /// could not have answered what it did there. An indeterminate op answered nothing, so it is legal wherever it
    /// changes the state; where it would change nothing (a CAS on the wrong version) it is refused, because leaving
    /// it out of the linearization is the same outcome and the search always has that choice.
    /// </summary>
    public static bool TryStep(RegisterState state, RegisterOp op, out RegisterState next)
    {
        next = state;
        switch (op.Kind)
        {
            case OpKind.Read:
                return state.Value == op.Value && (op.Version is null || op.Version == state.Version);
            case OpKind.Write:
                next = new RegisterState(op.Value, state.Version + 1);
                return op.IsIndeterminate || op.Version is null || op.Version == next.Version;
            case OpKind.Cas when op.IsIndeterminate || op.Ok:
                if (state.Version != op.ExpectedVersion)
                    return false;
                next = new RegisterState(op.Value, state.Version + 1);
                return op.IsIndeterminate || op.Version is null || op.Version == next.Version;
            case OpKind.Cas:
                return state.Version != op.ExpectedVersion;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, null);
        }
    }
}
