namespace AkkaZk.Data;

/// <summary>Who is asking: the session and its auth ids.</summary>
public sealed record SessionContext(long SessionId, IReadOnlyList<Id> AuthInfo);
