using AkkaZk.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaZk.Hosting;

/// <summary>A generic host with one hosted service, the node; SIGTERM and Ctrl-C stop it through CoordinatedShutdown.</summary>
public static class NodeHost
{
    public static async Task RunAsync(NodeSettings settings, Akka.Configuration.Config hocon)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(hocon);
        builder.Services.AddHostedService<NodeHostedService>();
        using var host = builder.Build();
        await host.RunAsync();
    }
}
