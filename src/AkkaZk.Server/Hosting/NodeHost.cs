using AkkaZk.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaZk.Hosting;

/// <summary>
/// A generic host with one hosted service, the node; SIGTERM and Ctrl-C stop it through CoordinatedShutdown.
/// The host's defaults are off: the node is configured by zoo.cfg/HOCON alone, and the default appsettings.json
/// source would watch the current directory recursively (often the data dir), handling an inotify event for
/// every journal write.
/// </summary>
public static class NodeHost
{
    public static async Task RunAsync(NodeSettings settings, Akka.Configuration.Config hocon)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(hocon);
        builder.Services.AddHostedService<NodeHostedService>();
        using var host = builder.Build();
        await host.RunAsync();
    }
}
