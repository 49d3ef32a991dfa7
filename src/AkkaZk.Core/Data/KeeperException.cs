using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>A ZooKeeper error code raised inside the database; it never leaves the public API as an exception.</summary>
internal sealed class KeeperException(ErrorCode code, string? path = null) : Exception($"{code} {path}")
{
    public ErrorCode Code { get; } = code;
    public string? Path { get; } = path;
}
