namespace AkkaZk.Sessions;

/// <summary>What the session tracker needs: the timeout bounds, the tick, and this server's id (top byte of session ids).</summary>
public sealed record SessionSettings(int TickTimeMs, int MinSessionTimeoutMs, int MaxSessionTimeoutMs, long ServerId)
{
    public int Negotiate(int requestedMs) => Math.Clamp(requestedMs, MinSessionTimeoutMs, MaxSessionTimeoutMs);
}
