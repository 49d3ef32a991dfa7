using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace AkkaZk.Metrics;

/// <summary>The Prometheus provider's HTTP endpoint: GET /metrics on httpHost:httpPort in Prometheus' text format.</summary>
public static class MetricsEndpoint
{
    public static async Task<WebApplication> StartAsync(MetricsSettings settings, PrometheusMetrics metrics)
    {
        var builder = Hosting.QuietWebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
            k.Listen(settings.HttpHost is "0.0.0.0" or "" ? IPAddress.Any : IPAddress.Parse(settings.HttpHost), settings.HttpPort));
        var app = builder.Build();
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync();
        return app;
    }
}
