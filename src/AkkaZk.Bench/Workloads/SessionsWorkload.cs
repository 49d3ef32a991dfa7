using System.Collections.Concurrent;
using System.Diagnostics;
using AkkaZk.Client;

namespace AkkaZk.Bench.Workloads;

/// <summary>
/// Session establishment: each worker connects a new session (timed: TCP connect plus ConnectRequest/Response),
/// then closes it (not timed). Every session id must be new.
/// </summary>
public sealed class SessionsWorkload : IWorkload
{
    private readonly ConcurrentDictionary<long, bool> _seen = new();

    public Task SetupAsync(BenchContext context) => Task.CompletedTask;

    public IWorker CreateWorker(BenchContext context, int index) => new Worker(this, context.Options, context.Options.ServerFor(index));

    public Task CleanupAsync(BenchContext context) => Task.CompletedTask;

    private sealed class Worker(SessionsWorkload owner, BenchOptions options, ServerAddress server) : IWorker
    {
        public async Task<Sample> StepAsync()
        {
            var start = Stopwatch.GetTimestamp();
            var client = await ZkClient.ConnectAsync(server.Host, server.Port, options.SessionTimeoutMs);
            var end = Stopwatch.GetTimestamp();
            await using (client)
            {
                if (client.SessionId == 0 || !owner._seen.TryAdd(client.SessionId, true))
                    throw new VerificationException($"session id 0x{client.SessionId:x} was handed out twice");
                await client.CloseSessionAsync();
            }
            return new Sample(start, end);
        }
    }
}
