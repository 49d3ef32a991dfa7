using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using AkkaZk.QuorumPeer;

namespace AkkaZk.Clients;

/// <summary>
/// The <c>clients</c> actor (ZooKeeper's ServerCnxnFactory): binds the client port, accepts on a background loop and
/// starts one <see cref="ClientConnection"/> child per socket, enforcing maxClientCnxns per client IP.
/// Supervision: a failing connection is stopped, never restarted — a bad client frame ends that connection only.
/// </summary>
internal sealed class ServerCnxnFactory : ReceiveActor
{
    private readonly ClientsSettings _settings;
    private readonly IActorRef _dataTree;
    private readonly IActorRef _sessions;
    private readonly IWireCodec _codec;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ConnectionRegistry _registry = new();
    private readonly Dictionary<IActorRef, (long Id, IPAddress Ip)> _connections = [];
    private readonly Dictionary<IPAddress, int> _perIp = [];
    private Socket? _listener;
    private CancellationTokenSource? _acceptCancel;
    private long _nextId;

    public ServerCnxnFactory(ClientsSettings settings, IActorRef dataTree, IActorRef sessions, IWireCodec codec)
    {
        _settings = settings;
        _dataTree = dataTree;
        _sessions = sessions;
        _codec = codec;

        Receive<Accepted>(accepted => OnAccepted(accepted.Socket));
        Receive<Terminated>(terminated => OnConnectionStopped(terminated.ActorRef));
        Receive<ClientsProtocol.CloseAllConnections>(_ =>
        {
            if (_connections.Count > 0)
                _log.Info("closing {0} client connections: the server is not serving", _connections.Count);
            foreach (var connection in _connections.Keys)
                Context.Stop(connection);
        });
        Receive<ClientsProtocol.GetEndpoint>(_ => Sender.Tell(new ClientsProtocol.BoundEndpoint((IPEndPoint)_listener!.LocalEndPoint!)));
        Receive<ClientsProtocol.GetConnections>(_ =>
            Sender.Tell(new ClientsProtocol.Connections(_registry.Snapshot(), _registry.Server.Snapshot())));
        Receive<ClientsProtocol.RevalidateReceived>(_ => _registry.Server.RevalidateReceived());
        Receive<ClientsProtocol.ResetStats>(reset =>
        {
            if (reset.Connections)
                _registry.ResetConnectionStats();
            if (reset.Server)
                _registry.Server.Reset();
            Sender.Tell(ClientsProtocol.StatsReset.Instance);
        });
    }

    protected override void PreStart()
    {
        var endpoint = _settings.BindEndpoint;
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(_settings.ClientPortListenBacklog > 0 ? _settings.ClientPortListenBacklog : 512);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            var reason = e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"client port {endpoint} is in use"
                : $"cannot bind client port {endpoint}: {e.Message}";
            Context.Parent.Tell(new QuorumPeerProtocol.StartFailed(ActorNames.Clients, reason));
            Context.Stop(Self);
            return;
        }
        _listener = listener;
        _acceptCancel = new CancellationTokenSource();
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        _log.Info("binding to port {0}, maxClientCnxns={1}, jute.maxbuffer={2}, outstanding limit per connection={3}, 4lw whitelist={4}",
            bound, _settings.MaxClientCnxns, _settings.MaxBuffer, _settings.GlobalOutstandingLimit,
            string.Join(",", _settings.FourLetterWordWhitelist));
        _ = AcceptLoopAsync(listener, Self, _log, _acceptCancel.Token);
        Context.Parent.Tell(new QuorumPeerProtocol.Ready(ActorNames.Clients));
    }

    protected override void PostStop()
    {
        _acceptCancel?.Cancel();
        _listener?.Dispose();
        _listener = null;
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(ex =>
    {
        _log.Warning("connection {0} failed, closing it: {1}", Sender.Path.Name, ex.Message);
        return Directive.Stop;
    });

    private static async Task AcceptLoopAsync(Socket listener, IActorRef self, ILoggingAdapter log, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                var socket = await listener.AcceptAsync(cancel).ConfigureAwait(false);
                self.Tell(new Accepted(socket));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // e.g. out of file descriptors: back off instead of spinning, as ZooKeeper's accept thread does
                log.Warning("accept failed: {0}", e.Message);
                await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void OnAccepted(Socket socket)
    {
        if (socket.RemoteEndPoint is not IPEndPoint remote)
        {
            socket.Dispose();
            return;
        }
        var ip = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        var count = _perIp.GetValueOrDefault(ip);
        if (_settings.MaxClientCnxns > 0 && count >= _settings.MaxClientCnxns)
        {
            _log.Warning("Too many connections from {0} - max is {1}", ip, _settings.MaxClientCnxns);
            socket.Dispose();
            return;
        }
        var id = ++_nextId;
        var stats = new ConnectionStats(id, remote);
        _registry.Add(stats);
        var port = ((IPEndPoint)_listener!.LocalEndPoint!).Port;
        var props = Props.Create(() => new ClientConnection(id, socket, stats, _registry, _settings, _dataTree, _sessions, _codec, port));
        var child = Context.ActorOf(props, ActorNames.Connection(id));
        Context.Watch(child);
        _connections[child] = (id, ip);
        _perIp[ip] = count + 1;
        _log.Debug("Accepted socket connection from {0}", remote);
    }

    private void OnConnectionStopped(IActorRef child)
    {
        if (!_connections.Remove(child, out var connection))
            return;
        _registry.Remove(connection.Id);
        if (--_perIp[connection.Ip] == 0)
            _perIp.Remove(connection.Ip);
    }

    /// <summary>A socket the accept loop handed over.</summary>
    private sealed record Accepted(Socket Socket);
}
