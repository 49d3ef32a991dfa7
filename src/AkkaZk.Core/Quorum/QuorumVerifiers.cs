using AkkaZk.Config;

namespace AkkaZk.Quorum;

public static class QuorumVerifiers
{
    /// <summary>Hierarchical when zoo.cfg has group lines, otherwise majority, as QuorumPeerConfig chooses.</summary>
    public static IQuorumVerifier From(NodeSettings settings) =>
        settings.Groups.Count > 0 ? QuorumHierarchical.From(settings) : QuorumMajority.From(settings.Servers);
}
