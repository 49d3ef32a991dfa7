using Akka.Actor;

namespace AkkaZk.Admin;

/// <summary>
/// The AdminServer's commands: each answers a JSON object with ZooKeeper's field names, plus "command" and
/// "error" as ZooKeeper's CommandResponse does. Short names map to the same command.
/// </summary>
public sealed class AdminCommands(ActorSystem system, IReadOnlyList<AdminCommand> commands)
{
    public ActorSystem System { get; } = system;

    public IReadOnlyList<AdminCommand> All { get; } = commands;

    public AdminCommand? Find(string name) =>
        All.FirstOrDefault(c => c.Names.Contains(name, StringComparer.Ordinal));
}

/// <summary>One admin command: its names (primary first) and what it answers.</summary>
public sealed record AdminCommand(IReadOnlyList<string> Names, Func<ActorSystem, Task<Dictionary<string, object?>>> Run)
{
    public string PrimaryName => Names[0];
}
