using Akka.Event;
using AkkaZk.Protocol;

namespace AkkaZk.Clients;

/// <summary>What a connection's read and write loops tell its actor. Local only: they never cross the network.</summary>
internal static class ConnectionEvents
{
    public sealed record FourLetterWordReceived(string Command);

    public sealed record ConnectReceived(ConnectRequest Request);

    /// <summary>A decoded request; a null body is an unknown opcode. ReceivedAt is a Stopwatch timestamp.</summary>
    public sealed record RequestReceived(RequestHeader Header, ZkRequest? Request, long ReceivedAt);

    /// <summary>The socket is done: the actor stops. Level says how loudly (resets at Debug, bad input at Info).</summary>
    public sealed record TransportClosed(string Reason, LogLevel Level);
}
