using Akka.Actor;
using AkkaZk.Config;

namespace AkkaZk.Admin;

/// <summary>
/// The AdminServer's commands: each answers a JSON object with ZooKeeper's field names, plus "command" and
/// "error" as ZooKeeper's CommandResponse does. Short names map to the same command.
/// </summary>
public sealed class AdminCommands(ActorSystem system, NodeSettings settings, IReadOnlyList<AdminCommand> commands, Zab.PeerStatus? peer = null)
{
    public ActorSystem System { get; } = system;

    public NodeSettings Settings { get; } = settings;

    /// <summary>The ensemble state of this server; null when standalone.</summary>
    public Zab.PeerStatus? Peer { get; } = peer;

    public IReadOnlyList<AdminCommand> All { get; } = commands;

    public AdminCommand? Find(string name) =>
        All.FirstOrDefault(c => c.Names.Contains(name, StringComparer.Ordinal));
}

/// <summary>One call of a command: the node it runs on and the URL's query parameters (set_trace_mask's traceMask).</summary>
public sealed record AdminRequest(ActorSystem System, NodeSettings Settings, IReadOnlyDictionary<string, string> Query, Zab.PeerStatus? Peer = null);

/// <summary>
/// One admin command: its names (primary first) and what it answers. <see cref="ServerRequired"/> commands answer
/// ZooKeeper's "not currently serving" error until the node serves.
/// </summary>
public sealed record AdminCommand(IReadOnlyList<string> Names, Func<AdminRequest, Task<Dictionary<string, object?>>> Run, bool ServerRequired = true)
{
    public string PrimaryName => Names[0];
}

/// <summary>A command that fails answers ZooKeeper's shape: the error first, then the command name.</summary>
public sealed class AdminCommandException(string message) : Exception(message);
