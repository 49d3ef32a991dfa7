using System.Text.Json;

namespace AkkaZk.ProcessTests.Locks;

/// <summary>
/// One acquisition of a lock as a stress client recorded it (tests/clients/lock_stress_kazoo.py,
/// tests/clients/curator/LockStress.java). <see cref="Outcome"/>: written (the counter write took effect, with its
/// zxid), bad-version (the conditional write found another writer's version), foreign-write (a write with a lost
/// reply found someone else's value on read-back), not-applied, unresolved (the session was lost before the lost
/// reply could be resolved), abandoned (the connection was suspended or lost before the write: the holder stopped).
/// Pzxid is the lock parent's pzxid in the holder's own read of its children; Lowest/LowestOwner/LowestCzxid name the
/// lowest child of that read and its Stat. Reason: the error that cut the critical section short, if any.
/// </summary>
public sealed record LockAcquisition(
    string Lib, string Client, string Id, string Lock, string Outcome,
    long? Session = null, string? Node = null, string? Lowest = null, long? LowestOwner = null, long? LowestCzxid = null,
    long? Pzxid = null, long? ReadValue = null, int? ReadVersion = null, long? ReadMzxid = null,
    long? WriteValue = null, int? WriteVersion = null, long? WriteZxid = null, long TAcquired = 0, long TReleased = 0,
    string? Reason = null)
{
    public bool Written => Outcome == "written";

    /// <summary>The lock znode's sequence number (its last ten digits), when it is known.</summary>
    public static long? Sequence(string? node) => node is { Length: >= 10 } && long.TryParse(node[^10..], out var n) ? n : null;
}

/// <summary>Two sessions of one client process acting as holders of one lock at the same time (the in-process check).</summary>
public sealed record LocalOverlap(string Lib, string Lock, string Holder, string Other);

/// <summary>A counter as read (after a sync) once every client has stopped.</summary>
public sealed record FinalCounter(string Lib, string Lock, long Value, int Version, long Mzxid);

/// <summary>Everything the clients of one run recorded.</summary>
public sealed record LockHistory(
    IReadOnlyList<LockAcquisition> Acquisitions, IReadOnlyList<LocalOverlap> LocalOverlaps, IReadOnlyList<FinalCounter> Finals,
    IReadOnlyList<string> StateChanges, IReadOnlyList<string> Errors)
{
    public static LockHistory Empty { get; } = new([], [], [], [], []);

    public LockHistory Concat(LockHistory other) => new(
        [.. Acquisitions, .. other.Acquisitions], [.. LocalOverlaps, .. other.LocalOverlaps], [.. Finals, .. other.Finals],
        [.. StateChanges, .. other.StateChanges], [.. Errors, .. other.Errors]);

    /// <summary>Parses a client's JSON lines; a line that is not JSON is an error of the run, kept in <see cref="Errors"/>.</summary>
    public static LockHistory Parse(string lib, IEnumerable<string> lines)
    {
        var acquisitions = new List<LockAcquisition>();
        var overlaps = new List<LocalOverlap>();
        var finals = new List<FinalCounter>();
        var states = new List<string>();
        var errors = new List<string>();
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            JsonElement r;
            try
            {
                using var doc = JsonDocument.Parse(line);
                r = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                errors.Add($"{lib}: not JSON: {line}");
                continue;
            }
            switch (Str(r, "event"))
            {
                case null:
                    acquisitions.Add(Acquisition(r));
                    break;
                case "local-overlap":
                    overlaps.Add(new LocalOverlap(lib, Str(r, "lock")!, Str(r, "holder")!, Str(r, "other")!));
                    break;
                case "final":
                    finals.Add(new FinalCounter(lib, Str(r, "lock")!, Long(r, "value")!.Value, (int)Long(r, "version")!.Value,
                        Long(r, "mzxid")!.Value));
                    break;
                case "state":
                    states.Add($"{Long(r, "t")} {Str(r, "client")} {Str(r, "state")}");
                    break;
                case "error":
                    errors.Add($"{lib}: {Str(r, "client")}: {Str(r, "error")}");
                    break;
            }
        }
        return new LockHistory(acquisitions, overlaps, finals, states, errors);
    }

    private static LockAcquisition Acquisition(JsonElement r) => new(
        Str(r, "lib")!, Str(r, "client")!, Str(r, "id")!, Str(r, "lock")!, Str(r, "outcome")!,
        Long(r, "session"), Str(r, "node"), Str(r, "lowest"), Long(r, "lowest_owner"), Long(r, "lowest_czxid"),
        Long(r, "pzxid"), Long(r, "read_value"), (int?)Long(r, "read_version"), Long(r, "read_mzxid"),
        Long(r, "write_value"), (int?)Long(r, "write_version"), Long(r, "write_zxid"),
        Long(r, "t_acquired") ?? 0, Long(r, "t_released") ?? 0, Str(r, "reason"));

    private static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
