using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaZk.Hosting;

/// <summary>
/// The builder of the node's small HTTP servers (admin, metrics): Kestrel and routing only, no configuration
/// sources. The slim builder's appsettings.json would be watched with a recursive FileSystemWatcher over the current
/// directory, which is often the data dir: every journal write would wake it.
/// </summary>
public static class QuietWebApplication
{
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        return builder;
    }
}
