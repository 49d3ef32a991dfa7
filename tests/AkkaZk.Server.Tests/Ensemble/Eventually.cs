namespace AkkaZk.Tests.Ensemble;

/// <summary>Polling instead of sleeping: asks again every few dozen milliseconds until an answer comes or time is up.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>The first non-null answer of <paramref name="probe"/>; a <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task<T> Until<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } answer)
                return answer;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {timeout.TotalSeconds:F0} s for {what()}");
            await Task.Delay(Interval);
        }
    }

    public static async Task<T> UntilValue<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> what) where T : struct
    {
        var boxed = await Until<object>(async () => await probe() is { } value ? value : null, timeout, what);
        return (T)boxed;
    }

    public static Task True(Func<bool> condition, TimeSpan timeout, Func<string> what) =>
        Until<object>(() => Task.FromResult(condition() ? new object() : null), timeout, what);
}
