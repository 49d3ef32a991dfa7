namespace AkkaZk.Sessions;

/// <summary>What the session tracker needs: the timeout bounds, the tick, and this server's id (top byte of session ids).</summary>
/// <param name="Ensemble">sessions are global: only the leader expires them (see <see cref="SessionsProtocol.ExpireSessions"/>).</param>
public sealed record SessionSettings(int TickTimeMs, int MinSessionTimeoutMs, int MaxSessionTimeoutMs, long ServerId, bool Ensemble = false)
{
    public int Negotiate(int requestedMs) => Math.Clamp(requestedMs, MinSessionTimeoutMs, MaxSessionTimeoutMs);
}
