using System.Net;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using AkkaZk.Metrics;
using AkkaZk.QuorumPeer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AkkaZk.Admin;

/// <summary>
/// ZooKeeper's AdminServer: HTTP on admin.serverAddress:admin.serverPort, commands under admin.commandURL as JSON.
/// It also runs the Prometheus metrics endpoint when metricsProvider.className names the Prometheus provider
/// (independent of admin.enableServer, as in ZooKeeper). Like ZooKeeper, a failure to start either is logged and the
/// node goes on without it.
/// </summary>
internal sealed class AdminServer : ReceiveActor
{
    private readonly AdminSettings _settings;
    private readonly MetricsSettings _metrics;
    private readonly Func<ActorSystem, AdminCommands> _commands;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private WebApplication? _app;
    private WebApplication? _metricsApp;

    public sealed record GetEndpoint
    {
        public static readonly GetEndpoint Instance = new();
    }

    public sealed record Endpoint(string? Url);

    private sealed record Started(WebApplication? App, WebApplication? MetricsApp, IReadOnlyList<string> Problems);

    public AdminServer(AdminSettings settings, MetricsSettings metrics, Func<ActorSystem, AdminCommands> commands)
    {
        _settings = settings;
        _metrics = metrics;
        _commands = commands;
        Receive<Started>(started =>
        {
            _app = started.App;
            _metricsApp = started.MetricsApp;
            if (_app is not null)
                _log.Info("Started AdminServer on address {0}, port {1} and command URL {2}", _settings.Address, _settings.Port, _settings.CommandUrl);
            if (_metricsApp is not null)
                _log.Info("Started Prometheus metrics on {0}:{1}/metrics", _metrics.HttpHost, _metrics.HttpPort);
            foreach (var problem in started.Problems)
                _log.Warning(problem);
            Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Admin));
        });
        Receive<GetEndpoint>(_ => Sender.Tell(new Endpoint(_app?.Urls.FirstOrDefault())));
    }

    public static Props Props(AdminSettings settings, MetricsSettings metrics, Func<ActorSystem, AdminCommands> commands) =>
        Akka.Actor.Props.Create(() => new AdminServer(settings, metrics, commands));

    protected override void PreStart()
    {
        if (!_settings.Enabled)
            _log.Info("AdminServer is disabled (admin.enableServer=false)");
        var commands = _commands(Context.System);
        StartAsync(commands).PipeTo(Self);
    }

    private async Task<Started> StartAsync(AdminCommands commands)
    {
        var problems = new List<string>();
        WebApplication? app = null, metricsApp = null;
        if (_settings.Enabled)
        {
            try
            {
                app = await StartAdminAsync(commands);
            }
            catch (Exception e)
            {
                problems.Add($"Problem starting AdminServer: {e.GetBaseException().Message}");
            }
        }
        if (_metrics.Prometheus)
        {
            try
            {
                metricsApp = await MetricsEndpoint.StartAsync(_metrics, new PrometheusMetrics(commands.System, commands.Peer,
                    Math.Max(1, commands.Settings.ParticipantCount)));
            }
            catch (Exception e)
            {
                problems.Add($"Problem starting the Prometheus metrics endpoint: {e.GetBaseException().Message}");
            }
        }
        return new Started(app, metricsApp, problems);
    }

    private async Task<WebApplication> StartAdminAsync(AdminCommands commands)
    {
        var builder = Hosting.QuietWebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            var address = _settings.Address is "0.0.0.0" or "" ? IPAddress.Any : IPAddress.Parse(_settings.Address);
            k.Listen(address, _settings.Port);
        });
        var app = builder.Build();
        var prefix = "/" + _settings.CommandUrl.Trim('/');
        // Jetty's CommandServlet lists the commands as links when no command is named.
        app.MapGet(prefix, () => Results.Text(CommandLinks(prefix, commands), "text/html"));
        app.MapGet(prefix + "/{name}", async (string name, HttpRequest request) =>
            Results.Text(JsonSerializer.Serialize(await AdminDispatch.RunAsync(commands, name, Query(request)), JsonOptions), "application/json"));
        await app.StartAsync();
        return app;
    }

    private static IReadOnlyDictionary<string, string> Query(HttpRequest request) =>
        request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());

    private static string CommandLinks(string prefix, AdminCommands commands)
    {
        var sb = new StringBuilder();
        foreach (var name in commands.All.Select(c => c.PrimaryName).Order(StringComparer.Ordinal))
            sb.Append("<a href=\"").Append(prefix).Append('/').Append(name).Append("\">").Append(name).Append("</a>\n<br/>\n");
        return sb.ToString();
    }

    /// <summary>Indented like Jackson's pretty printer; &lt;, &gt; and &amp; left as they are (envi's "&lt;NA&gt;").</summary>
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    protected override void PostStop()
    {
        foreach (var app in new[] { _app, _metricsApp })
        {
            if (app is null)
                continue;
            app.StopAsync().Wait(TimeSpan.FromSeconds(2));
            (app as IAsyncDisposable)?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(1));
        }
    }
}
