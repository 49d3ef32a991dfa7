using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Akka.Event;
using AkkaZk.Data;
using AkkaZk.Data.Auth;
using AkkaZk.Database;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Sessions;
using static AkkaZk.Clients.PendingReplies;

namespace AkkaZk.Clients;

/// <summary>
/// One client TCP connection (ZooKeeper's ServerCnxn). The socket I/O and decoding run in
/// <see cref="ConnectionTransport"/>; this actor attaches the session, submits requests to the data tree and
/// puts replies, pings and notifications on the wire in the client's order.
/// States: AwaitingFirstFrame → (four-letter word | Connecting → Serving) → Closing. Each state is a plain switch
/// (an UntypedActor): a connection per session makes building ReceiveActor handler tables on every start and state
/// change a visible cost of session establishment.
/// </summary>
internal sealed class ClientConnection : UntypedActor
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly long _id;
    private readonly ConnectionStats _stats;
    private readonly ConnectionRegistry _registry;
    private readonly ClientsSettings _settings;
    private readonly IActorRef _dataTree;
    private readonly IActorRef _sessions;
    private readonly int _clientPort;
    private readonly ConnectionTransport _transport;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PendingReplies _pending = new();
    private readonly IPEndPoint _remote;

    private ConnectRequest? _connect;
    private SessionContext? _session;
    private bool _registered;
    private bool _sessionClosedByClient;
    private bool _closeWhenDrained;
    private long _lastZxid;
    private long _lastTouch;

    public ClientConnection(
        long id, Socket socket, ConnectionStats stats, ConnectionRegistry registry, ClientsSettings settings,
        IActorRef dataTree, IActorRef sessions, IWireCodec codec, int clientPort)
    {
        _id = id;
        _stats = stats;
        _registry = registry;
        _settings = settings;
        _dataTree = dataTree;
        _sessions = sessions;
        _clientPort = clientPort;
        _remote = stats.Remote;
        _transport = new ConnectionTransport(socket, codec, settings, stats, registry.Server, Self);
    }

    protected override void PreStart()
    {
        Context.SetReceiveTimeout(TimeSpan.FromMilliseconds(_settings.SessionlessConnectionTimeoutMs));
        _transport.Start();
    }

    protected override void PostStop()
    {
        _transport.Dispose();
        _registry.Server.RequestsFinished(_pending.RequestCount);
        if (_registered)
            _dataTree.Tell(new DataTreeProtocol.UnregisterWatcher(_id));
        if (_session is not null && !_sessionClosedByClient)
            _sessions.Tell(new SessionsProtocol.Detach(_session.SessionId, Self));
    }

    /// <summary>AwaitingFirstFrame, the first state.</summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ConnectionEvents.FourLetterWordReceived fourLetterWord:
                AnswerFourLetterWord(fourLetterWord.Command);
                break;
            case ConnectionEvents.ConnectReceived connect:
                _connect = connect.Request;
                _dataTree.Tell(DataTreeProtocol.GetLastZxid.Instance);
                Become(Connecting);
                break;
            default:
                WithoutSession(message);
                break;
        }
    }

    /// <summary>What both states before a session share: the socket closing, and the sessionless timeout.</summary>
    private void WithoutSession(object message)
    {
        switch (message)
        {
            case ConnectionEvents.TransportClosed closed:
                Closed(closed);
                break;
            case ReceiveTimeout:
                SessionlessTimeout();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void SessionlessTimeout()
    {
        _log.Info("Closing the connection of client {0}: no session established within {1} ms", _remote, _settings.SessionlessConnectionTimeoutMs);
        Context.Stop(Self);
    }

    private void Connecting(object message)
    {
        switch (message)
        {
            case DataTreeProtocol.LastZxid last:
                OnServerState(last);
                break;
            case SessionsProtocol.Attached attached:
                OnAttached(attached);
                break;
            case SessionsProtocol.NotServing notServing:
                _log.Info("Closing the connection of client {0}: {1}", _remote, notServing.Reason);
                Context.Stop(Self);
                break;
            case SessionsProtocol.Rejected rejected:
                _log.Info("Invalid session 0x{0:x} for client {1}, probably expired: {2}", rejected.SessionId, _remote, rejected.Reason);
                _transport.Send(new Outbound.Connect(new ConnectResponse(0, 0, 0, new byte[16], EchoReadOnly())));
                _transport.CloseAfterFlush();
                BecomeClosing();
                break;
            default:
                WithoutSession(message);
                break;
        }
    }

    private void OnServerState(DataTreeProtocol.LastZxid last)
    {
        var connect = _connect!;
        _lastZxid = last.Zxid;
        _readOnlyServer = last.ReadOnly && !last.Serving;
        if (!last.Serving && !_readOnlyServer)
        {
            _log.Info("Closing the connection of client {0}: this server is not serving clients (looking for a leader or syncing)", _remote);
            Context.Stop(Self);
            return;
        }
        if (connect.LastZxidSeen > last.Zxid)
        {
            _log.Info("Refusing session request for client {0} as it has seen zxid 0x{1:x} our last zxid is 0x{2:x} client must try another server",
                _remote, connect.LastZxidSeen, last.Zxid);
            Context.Stop(Self);
            return;
        }
        if (_readOnlyServer && connect.ReadOnly != true)
        {
            _log.Info("Not permitting connection from {0}: a read-write client cannot connect to a read-only server", _remote);
            Context.Stop(Self);
            return;
        }
        if (connect.SessionId != 0)
            _registry.Server.ConnectionRevalidated();
        _sessions.Tell(new SessionsProtocol.Attach(connect.SessionId, connect.Passwd, connect.TimeOut, Self, Local: _readOnlyServer));
    }

    private void OnAttached(SessionsProtocol.Attached attached)
    {
        var ip = (_remote.Address.IsIPv4MappedToIPv6 ? _remote.Address.MapToIPv4() : _remote.Address).ToString();
        _session = new SessionContext(attached.SessionId, [new Id("ip", ip)]);
        _stats.SessionEstablished(attached.SessionId, attached.TimeoutMs);
        _lastTouch = Environment.TickCount64;
        _transport.Send(new Outbound.Connect(new ConnectResponse(
            0, attached.TimeoutMs, attached.SessionId, attached.Passwd, EchoReadOnly())));
        _dataTree.Tell(new DataTreeProtocol.RegisterWatcher(_id, Self));
        _registered = true;
        _log.Debug("Established session 0x{0:x} with negotiated timeout {1} for client {2}", attached.SessionId, attached.TimeoutMs, _remote);
        _transport.OpenRequests();
        Context.SetReceiveTimeout(null); // from now on the session tracker decides when an idle client is gone
        Become(Serving);
    }

    /// <summary>ConnectResponse.readOnly goes back only to clients that sent the byte (3.8's isOldClient check).</summary>
    private bool? EchoReadOnly() => _connect?.ReadOnly is null ? null : _readOnlyServer;

    /// <summary>The server was read-only when this client connected (it stays so for this connection's life).</summary>
    private bool _readOnlyServer;

    private void Serving(object message)
    {
        switch (message)
        {
            case ConnectionEvents.RequestReceived request:
                OnRequest(request);
                break;
            case DataTreeProtocol.Reply reply:
                OnReply(reply);
                break;
            case DataTreeProtocol.LastZxid last:
                if (_pending.Head is { Kind: EntryKind.Ping, Asked: true, Frame: null } ping)
                {
                    _lastZxid = Math.Max(_lastZxid, last.Zxid);
                    Complete(ping, new Outbound.Reply(new ReplyHeader(Xids.Ping, _lastZxid, ErrorCode.Ok), OpCode.Ping, null), _lastZxid);
                    Flush();
                }
                break;
            case DataTreeProtocol.Notify notify:
                var frame = new Outbound.Notification(notify.Event);
                if (!_pending.TryQueueNotification(frame))
                    _transport.Send(frame);
                break;
            case SessionsProtocol.SessionClosed closed:
                if (closed.SessionId != _session!.SessionId)
                    break;
                _log.Info("Closing the connection of client {0}: session 0x{1:x} ended", _remote, closed.SessionId);
                _sessionClosedByClient = true; // the session is gone: nothing to detach from
                Context.Stop(Self);
                break;
            case ConnectionEvents.TransportClosed transportClosed:
                Closed(transportClosed);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// A last reply or answer is queued; only the socket shutting down is left. A client that never reads it does not
    /// keep the connection alive: after the sessionless timeout it is dropped.
    /// </summary>
    private void BecomeClosing()
    {
        Context.SetReceiveTimeout(TimeSpan.FromMilliseconds(_settings.SessionlessConnectionTimeoutMs));
        Become(Closing);
    }

    private void Closing(object message)
    {
        switch (message)
        {
            case ConnectionEvents.TransportClosed closed:
                Closed(closed);
                break;
            case ReceiveTimeout:
                _log.Debug("connection {0} did not finish closing in time; dropped", _remote);
                Context.Stop(Self);
                break;
        }
    }

    private void OnRequest(ConnectionEvents.RequestReceived received)
    {
        var (xid, type) = (received.Header.Xid, received.Header.Type);
        var session = _session!;
        _registry.Server.RequestStarted();
        _stats.Queued(1);
        TouchSession();
        if (received.Request is null)
        {
            _log.Info("Closing the connection of client {0}: unknown opcode {1} (xid {2})", _remote, (int)type, xid);
            var entry = _pending.Add(new Entry(EntryKind.Local, xid, type, received.ReceivedAt));
            // ZooKeeper 3.8 answers {xid, -1, Unimplemented} (seen on the wire), then closes
            Complete(entry, new Outbound.Reply(new ReplyHeader(xid, -1, ErrorCode.Unimplemented), type, null), -1);
            _closeWhenDrained = true;
        }
        else if (type == OpCode.Ping)
        {
            _pending.Add(new Entry(EntryKind.Ping, xid, type, received.ReceivedAt));
        }
        else if (type == OpCode.Auth && received.Request is AuthPacket auth)
        {
            var entry = _pending.Add(new Entry(EntryKind.Local, xid, type, received.ReceivedAt));
            var ids = Authenticate(auth);
            if (ids is not null)
            {
                if (ids.Any(id => !session.AuthInfo.Contains(id)))
                    _session = session with { AuthInfo = AuthInfoOrder.With(session.AuthInfo, ids) };
                Complete(entry, new Outbound.Reply(new ReplyHeader(xid, 0, ErrorCode.Ok), type, null), _lastZxid);
            }
            else
            {
                _registry.Server.AuthFailure();
                _log.Info("Authentication failed for scheme {0} from client {1}; closing the connection", auth.Scheme, _remote);
                Complete(entry, new Outbound.Reply(new ReplyHeader(xid, 0, ErrorCode.AuthFailed), type, null), _lastZxid);
                _closeWhenDrained = true;
            }
        }
        else if (type == OpCode.Sasl)
        {
            // Without a SASL server ZooKeeper 3.8's processSasl still answers Ok with a null token and keeps the connection.
            var entry = _pending.Add(new Entry(EntryKind.Local, xid, type, received.ReceivedAt));
            Complete(entry, new Outbound.Reply(new ReplyHeader(xid, 0, ErrorCode.Ok), type, new SetSaslResponse(JuteBuffers.Null)), _lastZxid);
        }
        else
        {
            _pending.Add(new Entry(EntryKind.Submitted, xid, type, received.ReceivedAt));
            _dataTree.Tell(new DataTreeProtocol.Submit(session, xid, type, received.Request, _id, Self));
        }
        Flush();
    }

    private IReadOnlyList<Id>? Authenticate(AuthPacket auth)
    {
        try
        {
            return _settings.Authenticate(auth.Scheme, auth.Auth, _remote.Address.ToString());
        }
        catch (Exception e)
        {
            _log.Warning("auth provider for scheme {0} failed: {1}", auth.Scheme, e.Message);
            return null;
        }
    }

    private void OnReply(DataTreeProtocol.Reply reply)
    {
        var entry = _pending.OldestSubmitted();
        if (entry is null)
        {
            _log.Warning("reply for xid {0} of client {1} matches no request; dropped", reply.Xid, _remote);
            return;
        }
        if (entry.Xid != reply.Xid)
            _log.Warning("reply for xid {0} arrived while xid {1} was the oldest pending request of client {2}", reply.Xid, entry.Xid, _remote);
        if (IsSessionMoved(reply))
        {
            // FinalRequestProcessor: a connection-level error, answered by closing the connection (sendCloseSession),
            // so a client left behind on this server cannot run on with a session that moved (ZOOKEEPER-710)
            _log.Info("Closing the connection of client {0}: session 0x{1:x} moved to another server", _remote, _session!.SessionId);
            Flush(); // the answers before it still go out, as ZooKeeper queues the close after them
            CloseAfterFlush();
            return;
        }
        if (reply.Zxid > _lastZxid)
            _lastZxid = reply.Zxid;
        Complete(entry, new Outbound.Reply(new ReplyHeader(reply.Xid, reply.Zxid, reply.Err), reply.Type, reply.Response), reply.Zxid);
        if (reply.Type == OpCode.CloseSession)
        {
            entry.CloseAfter = true;
            if (reply.Err == ErrorCode.Ok)
            {
                _sessionClosedByClient = true;
                _sessions.Tell(new SessionsProtocol.Closed(_session!.SessionId));
            }
        }
        Flush();
    }

    private static bool IsSessionMoved(DataTreeProtocol.Reply reply) =>
        reply.Err == ErrorCode.SessionMoved
        || reply.Response is MultiResponse multi && multi.Results.Any(r => r.Err == ErrorCode.SessionMoved);

    private void Complete(Entry entry, Outbound frame, long zxid)
    {
        entry.Frame = frame;
        var latencyMs = (long)Stopwatch.GetElapsedTime(entry.ReceivedAt).TotalMilliseconds;
        _stats.Responded(LastOperation.Of(entry.Type), entry.Xid, zxid, latencyMs);
        _registry.Server.Latency.Add(latencyMs);
    }

    /// <summary>Writes every ready entry at the front, asks for the zxid of a ping that reached the front, closes when due.</summary>
    private void Flush()
    {
        foreach (var entry in _pending.TakeReady())
        {
            _transport.Send(entry.Frame!);
            if (entry.IsRequest)
            {
                _stats.Queued(-1);
                _registry.Server.RequestsFinished(1);
            }
            if (entry.CloseAfter)
            {
                CloseAfterFlush();
                return;
            }
        }
        if (_pending.Head is { Kind: EntryKind.Ping, Asked: false } ping)
        {
            ping.Asked = true;
            _dataTree.Tell(DataTreeProtocol.GetLastZxid.Instance);
        }
        if (_closeWhenDrained && _pending.Count == 0)
            CloseAfterFlush();
    }

    private void CloseAfterFlush()
    {
        _transport.CloseAfterFlush();
        BecomeClosing();
    }

    /// <summary>Pushes the session's expiry out, at most every tickTime/2 (ZooKeeper touches on every packet).</summary>
    private void TouchSession()
    {
        var now = Environment.TickCount64;
        if (now - _lastTouch < _settings.TickTime / 2)
            return;
        _lastTouch = now;
        _sessions.Tell(new SessionsProtocol.Touch(_session!.SessionId));
    }

    private void AnswerFourLetterWord(string command)
    {
        _stats.StopReading();
        BecomeClosing();
        if (!_settings.IsWhitelisted(command))
        {
            _log.Debug("four-letter word {0} from {1} is not in the whitelist", command, _remote);
            WriteText(FourLetterWordResponder.NotWhitelisted(command));
            return;
        }
        if (command == "crst")
            _registry.ResetConnectionStats();
        if (command == "srst")
            _registry.Server.Reset();
        if (FourLetterWordResponder.NeedsTreeStats(command))
        {
            _dataTree.Ask<DataTreeProtocol.Stats>(DataTreeProtocol.GetStats.Instance, AskTimeout).PipeTo(Self);
            Become(message => AwaitingTreeFacts(command, message));
        }
        else if (FourLetterWordResponder.NeedsTreeText(command))
        {
            _dataTree.Ask<DataTreeProtocol.Text>(new DataTreeProtocol.GetText(command), AskTimeout).PipeTo(Self);
            Become(message => AwaitingTreeFacts(command, message));
        }
        else
        {
            WriteText(FourLetterWordResponder.Respond(command, Inputs(command, null, null)));
        }
    }

    private void AwaitingTreeFacts(string command, object message)
    {
        switch (message)
        {
            case DataTreeProtocol.Stats stats:
                WriteText(FourLetterWordResponder.Respond(command, Inputs(command, stats, null)));
                break;
            case DataTreeProtocol.Text text:
                WriteText(FourLetterWordResponder.Respond(command, Inputs(command, null, text.Value)));
                break;
            case Status.Failure failure:
                _log.Warning("data tree did not answer four-letter word {0}: {1}", command, failure.Cause.Message);
                WriteText(FourLetterWordResponder.Respond(command, Inputs(command, null, null)));
                break;
            case ConnectionEvents.TransportClosed closed:
                Closed(closed);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void WriteText(string text)
    {
        _transport.Send(new Outbound.Raw(Encoding.UTF8.GetBytes(text)));
        _transport.CloseAfterFlush();
        BecomeClosing();
    }

    private FourLetterWordInputs Inputs(string command, DataTreeProtocol.Stats? stats, string? text) =>
        FourLetterWordFacts.Gather(command, _settings, _clientPort, _registry, stats, text, _log);

    private void Closed(ConnectionEvents.TransportClosed closed)
    {
        var message = $"connection {_remote} closed: {closed.Reason}";
        _log.Log(closed.Level, message);
        Context.Stop(Self);
    }
}
