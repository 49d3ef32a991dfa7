using Akka.Configuration;
using AkkaZk.Config;

namespace AkkaZk.Hosting;

/// <summary>Builds the ActorSystem configuration of a node: the node's HOCON over our Akka defaults.</summary>
public static class NodeActorSystem
{
    public const string Name = "akkazk";

    private const string AkkaDefaults = """
        akka {
          loggers = ["AkkaZk.Hosting.ConsoleLogger, AkkaZk.Server"]
          stdout-loglevel = WARNING
          loglevel = INFO
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          coordinated-shutdown {
            # the generic host owns the process: it runs CoordinatedShutdown on SIGTERM / Ctrl-C and exits
            run-by-clr-shutdown-hook = off
            exit-clr = off
            default-phase-timeout = 4s
          }
        }
        """;

    public static Akka.Configuration.Config BuildConfig(NodeSettings settings, Akka.Configuration.Config hocon)
    {
        var logLevel = Environment.GetEnvironmentVariable("AKKAZK_LOGLEVEL");
        var overrides = string.IsNullOrEmpty(logLevel) ? "" : $"akka.loglevel = {logLevel}";
        return ConfigurationFactory.ParseString(overrides)
            .WithFallback(hocon)
            .WithFallback(ConfigurationFactory.ParseString(AkkaDefaults));
    }
}
