namespace AkkaZk.Data.Prep;

/// <summary>
/// A prepared but not yet applied change to one path (PrepRequestProcessor.ChangeRecord). Stat null means the
/// path is being deleted. Later requests validate against these records before the tree.
/// </summary>
internal sealed record ChangeRecord(long Zxid, string Path, PersistedStat? Stat, int ChildCount, IReadOnlyList<Acl>? Acl, byte[]? Data);
