namespace AkkaZk.Zab;

/// <summary>What the election and the Zab roles need: the membership, the clock (tickTime, initLimit, syncLimit) and the epoch files.</summary>
public sealed record ZabSettings(EnsembleView View, int TickTimeMs, int InitLimit, int SyncLimit, EpochFiles Epochs)
{
    public TimeSpan Tick => TimeSpan.FromMilliseconds(TickTimeMs);

    /// <summary>How long discovery and sync may take (initLimit ticks).</summary>
    public TimeSpan InitTimeout => TimeSpan.FromMilliseconds((long)TickTimeMs * InitLimit);

    /// <summary>How long a peer may stay silent once synced (syncLimit ticks).</summary>
    public TimeSpan SyncTimeout => TimeSpan.FromMilliseconds((long)TickTimeMs * SyncLimit);
}
