namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>A standalone server that can be stopped cleanly (SIGTERM) and started again on the same port and data.</summary>
public interface IRestartableZkServer : IZkServer
{
    /// <summary>SIGTERM, and wait until the process is gone.</summary>
    Task StopAsync();

    /// <summary>Same configuration, port and data dir as before; returns once the server serves.</summary>
    Task RestartAsync();
}
