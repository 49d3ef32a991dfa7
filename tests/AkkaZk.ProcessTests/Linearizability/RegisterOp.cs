namespace AkkaZk.ProcessTests.Linearizability;

public enum OpKind
{
    Read,
    Write,
    Cas,
}

/// <summary>
/// One znode seen as a register, the way ZooKeeper keeps it: its data (an int the workload wrote, null while the
/// znode is absent) and its data version, which every successful setData raises by one.
/// </summary>
public readonly record struct RegisterState(int? Value, int Version)
{
    /// <summary>No znode yet: a write then acts as its creation (version 0).</summary>
    public static RegisterState Absent { get; } = new(null, -1);

    public override string ToString() => $"{Value?.ToString() ?? "absent"}@v{Version}";
}

/// <summary>
/// One operation of a history: who ran it, when it was invoked and when it completed (null = indeterminate: the
/// client lost its connection or timed out, so the op may or may not have taken effect, at any time after
/// <see cref="Invoke"/>), and what the client saw. Times are in any one monotonic unit shared by the history.
/// </summary>
public sealed record RegisterOp
{
    public required int Process { get; init; }
    public required OpKind Kind { get; init; }
    public string Key { get; init; } = "";
    public required long Invoke { get; init; }
    public long? Complete { get; init; }

    /// <summary>Read: the value seen (null = absent). Write and CAS: the value written.</summary>
    public int? Value { get; init; }

    /// <summary>Read: the version seen. Write and CAS: the new version the server answered. Null = not recorded.</summary>
    public int? Version { get; init; }

    /// <summary>CAS only: the version setData was given.</summary>
    public int ExpectedVersion { get; init; }

    /// <summary>CAS only: whether it succeeded (BadVersion = false). Meaningless while indeterminate.</summary>
    public bool Ok { get; init; } = true;

    public bool IsIndeterminate => Complete is null;

    public static RegisterOp Read(int process, long invoke, long? complete, int? value, int? version = null, string key = "") =>
        new() { Process = process, Kind = OpKind.Read, Invoke = invoke, Complete = complete, Value = value, Version = version, Key = key };

    public static RegisterOp Write(int process, long invoke, long? complete, int value, int? newVersion = null, string key = "") =>
        new() { Process = process, Kind = OpKind.Write, Invoke = invoke, Complete = complete, Value = value, Version = newVersion, Key = key };

    /// <summary>setData with an expected version; -1 would mean "any version" in ZooKeeper, so use <see cref="Write"/> for that.</summary>
    public static RegisterOp Cas(int process, long invoke, long? complete, int expectedVersion, int value, bool ok,
        int? newVersion = null, string key = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        return new()
        {
            Process = process,
            Kind = OpKind.Cas,
            Invoke = invoke,
            Complete = complete,
            ExpectedVersion = expectedVersion,
            Value = value,
            Ok = ok,
            Version = newVersion,
            Key = key,
        };
    }

    public override string ToString()
    {
        var version = Version is { } v ? $"@v{v}" : "";
        var what = Kind switch
        {
            OpKind.Read => $"read -> {Value?.ToString() ?? "absent"}{version}",
            OpKind.Write => $"write {Value}{version}",
            _ => $"cas v{ExpectedVersion} -> {Value}{version}" + (IsIndeterminate ? "" : Ok ? " ok" : " fail"),
        };
        var key = Key.Length > 0 ? $" {Key}" : "";
        return $"p{Process}{key} {what} [{Invoke}..{Complete?.ToString() ?? "?"}]";
    }
}
