using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>A watch that fired, with the ACL of the node it fired on (delivery needs READ on it).</summary>
internal readonly record struct FiredWatch(long WatcherId, WatcherEvent Event, IReadOnlyList<Acl>? Acl);
