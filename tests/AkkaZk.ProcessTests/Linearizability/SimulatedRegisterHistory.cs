namespace AkkaZk.ProcessTests.Linearizability;

/// <summary>
/// Linearizable-by-construction histories for testing the checker: processes issue ops with random real-time
/// intervals, each op takes effect at a random point inside its interval, and a sequential register run in the
/// order of those points gives every result. Indeterminate ops take effect at some later point or never; their
/// process goes on under a new id, as a client that reconnects would.
/// </summary>
public static class SimulatedRegisterHistory
{
    public sealed record Options(int Processes, int Ops, double IndeterminateRate = 0, bool RecordVersions = true,
        int MaxGap = 5, int MaxLength = 20);

    private sealed record Planned(int Slot, int Process, OpKind Kind, long Invoke, long? Complete, double EffectAt, bool TakesEffect);

    public static readonly RegisterState Initial = new(0, 0);

    public static History Generate(Random random, Options options)
    {
        var planned = Plan(random, options);
        var lastSeenVersion = new int?[options.Processes];
        var state = Initial;
        var nextValue = 1;
        var ops = new List<RegisterOp>();
        foreach (var p in planned.OrderBy(p => p.EffectAt))
        {
            var version = options.RecordVersions && p.Complete is not null;
            switch (p.Kind)
            {
                case OpKind.Read:
                    ops.Add(RegisterOp.Read(p.Process, p.Invoke, p.Complete, state.Value, version ? state.Version : null));
                    if (p.Complete is not null)
                        lastSeenVersion[p.Slot] = state.Version;
                    break;
                case OpKind.Write:
                    var value = nextValue++;
                    if (p.TakesEffect)
                        state = new RegisterState(value, state.Version + 1);
                    ops.Add(RegisterOp.Write(p.Process, p.Invoke, p.Complete, value, version ? state.Version : null));
                    break;
                default:
                    var expected = lastSeenVersion[p.Slot] ?? random.Next(3);
                    var casValue = nextValue++;
                    var ok = p.TakesEffect && state.Version == expected;
                    if (ok)
                        state = new RegisterState(casValue, state.Version + 1);
                    ops.Add(RegisterOp.Cas(p.Process, p.Invoke, p.Complete, expected, casValue, ok, version && ok ? state.Version : null));
                    break;
            }
        }
        return History.Of(Initial, ops.OrderBy(op => op.Invoke));
    }

    /// <summary>Intervals and effect points, before any result is known.</summary>
    private static List<Planned> Plan(Random random, Options options)
    {
        var planned = new List<Planned>();
        var cursor = new long[options.Processes];
        var process = Enumerable.Range(0, options.Processes).ToArray();
        for (var i = 0; i < options.Ops; i++)
        {
            var slot = random.Next(options.Processes);
            var invoke = cursor[slot] + random.Next(options.MaxGap + 1);
            var length = 1 + random.Next(options.MaxLength);
            var roll = random.Next(10);
            var kind = roll < 4 ? OpKind.Read : roll < 7 ? OpKind.Write : OpKind.Cas;
            cursor[slot] = invoke + length + 1;
            if (random.NextDouble() < options.IndeterminateRate)
            {
                // lost reply: it lands any time later, or never
                var effectAt = invoke + random.NextDouble() * options.MaxLength * 20;
                planned.Add(new Planned(slot, process[slot], kind, invoke, null, effectAt, random.Next(2) == 0));
                process[slot] += options.Processes;
                continue;
            }
            planned.Add(new Planned(slot, process[slot], kind, invoke, invoke + length, invoke + random.NextDouble() * length, true));
        }
        return planned;
    }

    /// <summary>
    /// Makes one read stale in a way no linearization can explain: it returns the value an op wrote that was
    /// overwritten by a second op, both completed before the read began. Null when the history has no such read.
    /// </summary>
    public static History? WithStaleRead(History history, Random random)
    {
        var changes = history.Ops.Where(op => !op.IsIndeterminate && (op.Kind == OpKind.Write || op.Kind == OpKind.Cas && op.Ok)).ToList();
        var reads = history.Ops.Where(op => !op.IsIndeterminate && op.Kind == OpKind.Read).OrderBy(_ => random.Next()).ToList();
        foreach (var read in reads)
        {
            var overwrites = changes.Where(x => x.Complete < read.Invoke).ToList();
            foreach (var overwrite in overwrites.OrderBy(_ => random.Next()))
            {
                // the initial value counts as written before everything
                var stale = changes.Where(w => w.Complete < overwrite.Invoke).Select(w => w.Value)
                    .Append(history.InitialOf(read.Key).Value).ToList();
                var value = stale[random.Next(stale.Count)];
                if (value == read.Value)
                    continue;
                var ops = history.Ops.Select(op => ReferenceEquals(op, read) ? op with { Value = value } : op).ToList();
                return history with { Ops = ops };
            }
        }
        return null;
    }
}
