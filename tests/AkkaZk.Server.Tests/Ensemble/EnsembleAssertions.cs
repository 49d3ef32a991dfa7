using Xunit;

namespace AkkaZk.Tests.Ensemble;

internal static class EnsembleAssertions
{
    /// <summary>Reads the whole tree of each node through its own client port and asserts they are identical; returns it.</summary>
    public static async Task<IReadOnlyList<ZnodeTree.Znode>> SameTreeOnAsync(this InProcessEnsemble ensemble, IEnumerable<int> nodes)
    {
        IReadOnlyList<ZnodeTree.Znode>? expected = null;
        var first = -1;
        foreach (var i in nodes)
        {
            var client = await ensemble.ClientForAsync(i);
            var tree = await ZnodeTree.ReadAsync(client);
            if (expected is null)
            {
                expected = tree;
                first = i;
                continue;
            }
            Assert.True(expected.SequenceEqual(tree),
                $"node {i}'s tree differs from node {first}'s:\n  only on node {first}: {string.Join("\n    ", expected.Except(tree))}" +
                $"\n  only on node {i}: {string.Join("\n    ", tree.Except(expected))}");
        }
        return expected ?? throw new ArgumentException("no node to compare", nameof(nodes));
    }

    public static IEnumerable<int> Without(this IEnumerable<int> nodes, params int[] excluded) =>
        nodes.Where(n => !excluded.Contains(n));
}
