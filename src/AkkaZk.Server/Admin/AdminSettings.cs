namespace AkkaZk.Admin;

/// <summary>admin.enableServer, admin.serverAddress, admin.serverPort, admin.commandURL.</summary>
public sealed record AdminSettings(bool Enabled, string Address, int Port, string CommandUrl);
