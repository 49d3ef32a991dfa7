namespace AkkaZk.Config;

// Placeholder until the configuration work lands.
public sealed record NodeSettings(string DataDir, int ClientPort, string ClientPortAddress, int TickTime);
