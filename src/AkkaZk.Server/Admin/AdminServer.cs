using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using AkkaZk.QuorumPeer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AkkaZk.Admin;

/// <summary>
/// ZooKeeper's AdminServer: HTTP on admin.serverAddress:admin.serverPort, commands under admin.commandURL as JSON.
/// Like ZooKeeper, a failure to start it is logged and the node goes on without it.
/// </summary>
internal sealed class AdminServer : ReceiveActor
{
    private readonly AdminSettings _settings;
    private readonly Func<ActorSystem, AdminCommands> _commands;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private WebApplication? _app;

    public sealed record GetEndpoint
    {
        public static readonly GetEndpoint Instance = new();
    }

    public sealed record Endpoint(string? Url);

    private sealed record Started(WebApplication App, string Url);

    private sealed record StartFailed(string Reason);

    public AdminServer(AdminSettings settings, Func<ActorSystem, AdminCommands> commands)
    {
        _settings = settings;
        _commands = commands;
        Receive<Started>(started =>
        {
            _app = started.App;
            _log.Info("Started AdminServer on address {0}, port {1} and command URL {2}", _settings.Address, _settings.Port, _settings.CommandUrl);
            Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Admin));
        });
        Receive<StartFailed>(failed =>
        {
            _log.Warning("Problem starting AdminServer: {0}", failed.Reason);
            Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Admin));
        });
        Receive<GetEndpoint>(_ => Sender.Tell(new Endpoint(_app?.Urls.FirstOrDefault())));
    }

    public static Props Props(AdminSettings settings, Func<ActorSystem, AdminCommands> commands) =>
        Akka.Actor.Props.Create(() => new AdminServer(settings, commands));

    protected override void PreStart()
    {
        if (!_settings.Enabled)
        {
            _log.Info("AdminServer is disabled (admin.enableServer=false)");
            Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Admin));
            return;
        }
        var self = Self;
        var commands = _commands(Context.System);
        StartAsync(commands).PipeTo(self, success: r => r, failure: e => new StartFailed(e.GetBaseException().Message));
    }

    private async Task<object> StartAsync(AdminCommands commands)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            var address = _settings.Address is "0.0.0.0" or "" ? IPAddress.Any : IPAddress.Parse(_settings.Address);
            k.Listen(address, _settings.Port);
        });
        var app = builder.Build();
        var prefix = "/" + _settings.CommandUrl.Trim('/');
        app.MapGet(prefix, () => Results.Json(new Dictionary<string, object?>
        {
            ["command"] = "commands",
            ["commands"] = commands.All.Select(c => c.PrimaryName).ToArray(),
            ["error"] = null,
        }));
        app.MapGet(prefix + "/{name}", async (string name) =>
        {
            var command = commands.Find(name);
            if (command is null)
            {
                return Results.Json(new Dictionary<string, object?>
                {
                    ["command"] = name,
                    ["error"] = $"Command {name} not found",
                }, statusCode: StatusCodes.Status404NotFound);
            }
            var body = await command.Run(commands.System);
            body["command"] = command.PrimaryName;
            body.TryAdd("error", null);
            return Results.Json(body, JsonOptions);
        });
        await app.StartAsync();
        return new Started(app, app.Urls.First());
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    protected override void PostStop()
    {
        _app?.StopAsync().Wait(TimeSpan.FromSeconds(2));
        (_app as IAsyncDisposable)?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(1));
    }
}
