namespace AkkaZk.Admin;

/// <summary>
/// Runs one admin command by name and shapes the answer as ZooKeeper's CommandResponse: the body, then "command" and
/// "error"; an unknown name or a failed command answers its error JSON.
/// </summary>
public static class AdminDispatch
{
    public const string NotServing = "This ZooKeeper instance is not currently serving requests";

    public static async Task<Dictionary<string, object?>> RunAsync(
        AdminCommands commands, string name, IReadOnlyDictionary<string, string> query)
    {
        var command = commands.Find(name);
        if (command is null)
            return new Dictionary<string, object?> { ["command"] = name, ["error"] = $"Unknown command: {name}" };
        try
        {
            if (command.ServerRequired && (!(await AdminFacts.Status(commands.System)).Serving || commands.Peer is { Current.Serving: false }))
                return Failed(command, NotServing);
            var body = await command.Run(new AdminRequest(commands.System, commands.Settings, query, commands.Peer));
            body["command"] = command.PrimaryName;
            body["error"] = null;
            return body;
        }
        catch (AdminCommandException e)
        {
            return Failed(command, e.Message);
        }
        catch (Exception e) when (e is Akka.Actor.AskTimeoutException or TaskCanceledException or Akka.Actor.ActorNotFoundException)
        {
            return Failed(command, NotServing);
        }
    }

    private static Dictionary<string, object?> Failed(AdminCommand command, string error) =>
        new() { ["error"] = error, ["command"] = command.PrimaryName };
}
