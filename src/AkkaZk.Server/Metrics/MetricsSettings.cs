using AkkaZk.Config;

namespace AkkaZk.Metrics;

/// <summary>metricsProvider.className, metricsProvider.httpHost and metricsProvider.httpPort.</summary>
public sealed record MetricsSettings(bool Prometheus, string HttpHost, int HttpPort)
{
    public const string PrometheusProviderClassName = "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

    public static MetricsSettings From(NodeSettings s) => new(
        s.MetricsProviderClassName == PrometheusProviderClassName,
        s.MetricsProperties.GetValueOrDefault("httpHost") ?? "0.0.0.0",
        s.MetricsHttpPort);
}
