using AkkaZk.Client;

namespace AkkaZk.Bench.Workloads;

/// <summary>
/// One kind of load: prepares its znodes, hands out one worker per outstanding-request slot, and removes what it made.
/// Workers check every answer and throw <see cref="VerificationException"/> on a wrong one.
/// </summary>
public interface IWorkload
{
    /// <summary>How many sessions the run connects (the watch workload needs at least a watcher and a writer).</summary>
    int SessionsNeeded(BenchOptions options) => options.Sessions;

    /// <summary>How many concurrent workers (each with one request in flight) the run starts.</summary>
    int WorkerCount(BenchOptions options) => options.Sessions * options.Outstanding;

    Task SetupAsync(BenchContext context);

    IWorker CreateWorker(BenchContext context, int index);

    Task CleanupAsync(BenchContext context);

    /// <summary>A wrong answer seen outside a worker's own call (e.g. a watch event nobody caused).</summary>
    string? Failure => null;
}

/// <summary>A loop body: one operation (or one change-to-notification round), timed by the worker itself.</summary>
public interface IWorker
{
    Task<Sample> StepAsync();
}

/// <summary>Start and end of one measured operation, in Stopwatch ticks.</summary>
public readonly record struct Sample(long Start, long End);

/// <summary>The connected sessions and the run's own root znode (nothing outside it is touched).</summary>
public sealed record BenchContext(BenchOptions Options, IReadOnlyList<ZkClient> Clients, string Root)
{
    public ZkClient ClientOf(int worker, int workers) => Clients[(int)((long)worker * Clients.Count / workers)];
}

/// <summary>The server gave an answer that contradicts what the run wrote: the run fails.</summary>
public sealed class VerificationException(string message) : Exception(message);
