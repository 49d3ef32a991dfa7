namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>
/// The lowest version some not-yet-linearized determinate op needs the register to be at when it takes effect
/// (a read's version, a write's answered version - 1, a successful CAS's expected version). Versions never go down,
/// so a step past that floor leaves the op impossible to place: the search prunes it at once. Without this an
/// indeterminate op that never took effect is tried again at every later point, in every subset and order with
/// the others.
/// </summary>
internal sealed class VersionFloor
{
    private readonly Dictionary<int, int> _counts = new();
    private readonly SortedSet<int> _versions = new();

    public int Min => _versions.Count == 0 ? int.MaxValue : _versions.Min;

    /// <summary>The version the register must be at just before <paramref name="op"/>, when the history pins it.</summary>
    public static int? Required(RegisterOp op)
    {
        if (op.IsIndeterminate)
            return null;
        return op.Kind switch
        {
            OpKind.Read => op.Version,
            OpKind.Write => op.Version - 1,
            _ => op.Ok ? op.ExpectedVersion : null,
        };
    }

    public void Add(int version)
    {
        _counts[version] = _counts.GetValueOrDefault(version) + 1;
        if (_counts[version] == 1)
            _versions.Add(version);
    }

    public void Remove(int version)
    {
        var left = _counts[version] - 1;
        _counts[version] = left;
        if (left == 0)
            _versions.Remove(version);
    }
}
