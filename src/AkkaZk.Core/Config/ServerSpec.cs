namespace AkkaZk.Config;

/// <summary>
/// One <c>server.N=host:quorumPort:electionPort[:participant|observer][;[clientAddr:]clientPort]</c> line.
/// <see cref="ClientAddress"/> and <see cref="ClientPort"/> are null when the line has no client part.
/// </summary>
public sealed record ServerSpec(
    long Id,
    string Host,
    int QuorumPort,
    int ElectionPort,
    PeerRole Role,
    string? ClientAddress,
    int? ClientPort);
