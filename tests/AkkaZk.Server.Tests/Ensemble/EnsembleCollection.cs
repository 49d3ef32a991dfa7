using Xunit;

namespace AkkaZk.Tests.Ensemble;

/// <summary>
/// The multi-node specs run one at a time and alone: each starts 3 or 5 servers whose timeouts are a few ticks of
/// 200 ms, which other tests competing for the same cores would turn into spurious elections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnsembleCollection
{
    public const string Name = "ensemble";
}
