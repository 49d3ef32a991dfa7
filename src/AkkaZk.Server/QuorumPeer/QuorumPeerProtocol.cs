using Akka.Actor;

namespace AkkaZk.QuorumPeer;

/// <summary>Messages between the QuorumPeer root and the children it supervises.</summary>
public static class QuorumPeerProtocol
{
    /// <summary>Creates the root; <paramref name="children"/> builds each child's Props by name, in startup order.</summary>
    public static Props Props(QuorumPeerChildren children) =>
        Akka.Actor.Props.Create(() => new QuorumPeerActor(children));

    /// <summary>A child tells its parent it finished starting (after a restart too; the parent ignores repeats).</summary>
    public sealed record Ready(string Child);

    /// <summary>A child could not start: the node stops, as ZooKeeper exits when a startup step fails.</summary>
    public sealed record StartFailed(string Child, string Reason);

    /// <summary>Asks the root where startup stands; answered with <see cref="Status"/>.</summary>
    public sealed record GetStatus
    {
        public static readonly GetStatus Instance = new();
    }

    public sealed record Status(IReadOnlyList<string> StartedChildren, bool Serving);

    /// <summary>Published on the event stream once every child is ready.</summary>
    public sealed record NodeStarted(TimeSpan StartupTime);

    /// <summary>
    /// Delivers a message to a child by name, holding it until that child exists (e.g. the txn log's recovery
    /// output for the data tree, which starts after it).
    /// </summary>
    public sealed record Deliver(string Child, object Message);

    /// <summary>Asks for a child's ref by name (tests and tools).</summary>
    public sealed record GetChild(string Name);
}

/// <summary>
/// The Props of every child, keyed by the names in <see cref="ActorNames.StartupOrder"/>. A factory gets a lookup of
/// the siblings already started (children start in order, so a child may depend on every earlier one).
/// </summary>
public sealed record QuorumPeerChildren(IReadOnlyDictionary<string, Func<Func<string, IActorRef>, Props>> Factories)
{
    public Props PropsFor(string name, Func<string, IActorRef> sibling) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(sibling)
            : throw new InvalidOperationException($"no factory for child '{name}'");
}
