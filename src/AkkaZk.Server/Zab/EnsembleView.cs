using Akka.Actor;
using AkkaZk.Config;
using AkkaZk.Hosting;
using AkkaZk.Quorum;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Zab;

/// <summary>
/// The static membership from zoo.cfg as this server sees it: who votes, who observes, and where each server's
/// actors live. Every server's Akka.Remote endpoint is its host:quorumPort; election notifications and Zab packets
/// both travel over it.
/// </summary>
public sealed class EnsembleView
{
    /// <summary>The scheme of a plain Akka.Remote TCP address.</summary>
    public const string DefaultProtocol = "akka.tcp";

    public EnsembleView(IReadOnlyList<ServerSpec> servers, long myId, IQuorumVerifier verifier, string protocol = DefaultProtocol)
    {
        Servers = servers.ToDictionary(s => s.Id);
        MyId = myId;
        Verifier = verifier;
        Protocol = protocol;
        Fingerprint = string.Join(",", servers.OrderBy(s => s.Id)
            .Select(s => $"{s.Id}={s.Host}:{s.QuorumPort}:{s.ElectionPort}:{s.Role.ToString().ToLowerInvariant()}"));
    }

    public static EnsembleView From(NodeSettings settings) =>
        new(settings.Servers, settings.MyId, QuorumVerifiers.From(settings));

    public IReadOnlyDictionary<long, ServerSpec> Servers { get; }

    /// <summary>
    /// The scheme of every server's address. All servers run the same transport, so it is this server's own:
    /// "akka.tcp", or e.g. "akka.trttl.tcp" when a transport adapter wraps TCP (the tests' throttler).
    /// </summary>
    public string Protocol { get; }

    /// <summary>The same view with the addresses of another transport (see <see cref="Protocol"/>).</summary>
    public EnsembleView WithProtocol(string protocol) =>
        protocol == Protocol ? this : new EnsembleView(Servers.Values.ToList(), MyId, Verifier, protocol);

    public long MyId { get; }

    public IQuorumVerifier Verifier { get; }

    /// <summary>The server list in one line; peers compare it to refuse a server configured with another ensemble.</summary>
    public string Fingerprint { get; }

    public ServerSpec Me => Servers[MyId];

    public bool IsObserver => !Verifier.IsVoter(MyId);

    public IEnumerable<long> Others => Servers.Keys.Where(id => id != MyId);

    public Address AddressOf(long sid)
    {
        var server = Servers[sid];
        return new Address(Protocol, NodeActorSystem.Name, server.Host, server.QuorumPort);
    }

    /// <summary>
    /// The server whose Akka.Remote endpoint is at <paramref name="address"/> (its host and quorum port; the scheme
    /// and system name are not compared), or null.
    /// </summary>
    public long? ServerAt(Address address) =>
        Servers.Values.FirstOrDefault(s => s.QuorumPort == address.Port && string.Equals(s.Host, address.Host, StringComparison.OrdinalIgnoreCase))?.Id;

    /// <summary>The election actor of server <paramref name="sid"/>.</summary>
    public ActorPath ElectionPath(long sid) =>
        new RootActorPath(AddressOf(sid)) / "user" / ActorNames.QuorumPeer / ActorNames.Election;
}
