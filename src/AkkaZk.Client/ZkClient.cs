using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;

namespace AkkaZk.Client;

/// <summary>
/// A minimal ZooKeeper client over one TCP connection: many requests in flight (xid-matched, answered in order),
/// watch notifications on <see cref="Events"/>, pings while idle. No reconnect: a lost connection fails every call.
/// </summary>
public sealed class ZkClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _reader;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Queue<(int Xid, OpCode Type, TaskCompletionSource<ZkReply> Done)> _pending = new();
    private readonly object _pendingGate = new();
    private readonly Channel<WatcherEvent> _events = Channel.CreateUnbounded<WatcherEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private readonly Task _pingLoop;
    private int _xid;
    private long _lastSend = Environment.TickCount64;

    public long SessionId { get; }
    public byte[] Password { get; }
    public int NegotiatedTimeoutMs { get; }
    public ChannelReader<WatcherEvent> Events => _events.Reader;
    public bool IsClosed => _stop.IsCancellationRequested;

    private ZkClient(Socket socket, NetworkStream stream, PipeReader reader, ConnectResponse connected)
    {
        _socket = socket;
        _stream = stream;
        _reader = reader;
        SessionId = connected.SessionId;
        Password = connected.Passwd;
        NegotiatedTimeoutMs = connected.TimeOut;
        _readLoop = Task.Run(ReadLoopAsync);
        _pingLoop = Task.Run(PingLoopAsync);
    }

    /// <summary>Connects and establishes (or, with sessionId and password, re-attaches) a session.</summary>
    public static async Task<ZkClient> ConnectAsync(string host, int port, int sessionTimeoutMs = 10000,
        long sessionId = 0, byte[]? password = null, bool? readOnly = false, CancellationToken cancel = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancel);
            var stream = new NetworkStream(socket, ownsSocket: false);
            var request = new ConnectRequest(0, 0, sessionTimeoutMs, sessionId, password ?? new byte[16], readOnly);
            var buffer = new ArrayBufferWriter<byte>();
            Framing.WriteFrame(buffer, request, static (w, r) => ConnectCodec.WriteConnectRequest(w, r));
            await stream.WriteAsync(buffer.WrittenMemory, cancel);
            var reader = PipeReader.Create(stream);
            var frame = await ReadFrameAsync(reader, cancel) ?? throw new IOException("server closed the connection during the handshake");
            var response = Decode(frame, static (ref JuteReader r) => ConnectCodec.ReadConnectResponse(ref r));
            if (response.SessionId == 0 || response.TimeOut <= 0)
                throw new ZkException(ErrorCode.SessionExpired, "session expired");
            return new ZkClient(socket, stream, reader, response);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request and waits for its reply (header and body).</summary>
    public Task<ZkReply> SendAsync(OpCode type, ZkRequest request, int? xid = null) =>
        SendFrameAsync(type, xid, (buffer, id) =>
            Framing.WriteFrame(buffer, (id, type, request), static (w, s) => RequestCodec.Write(w, new RequestHeader(s.id, s.type), s.request)));

    /// <summary>
    /// Sends a request header with a body given as bytes (opcodes a client may not send, odd bodies) and waits for
    /// its reply, as <see cref="SendAsync"/> does.
    /// </summary>
    public Task<ZkReply> SendRawBodyAsync(OpCode type, byte[] body, int? xid = null) =>
        SendFrameAsync(type, xid, (buffer, id) =>
        {
            var header = new ArrayBufferWriter<byte>(8 + body.Length);
            RequestCodec.WriteHeader(new JuteWriter(header), new RequestHeader(id, type));
            header.Write(body);
            Framing.WriteFrame(buffer, header.WrittenSpan);
        });

    private async Task<ZkReply> SendFrameAsync(OpCode type, int? xid, Action<ArrayBufferWriter<byte>, int> writeFrame)
    {
        var done = new TaskCompletionSource<ZkReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var buffer = new ArrayBufferWriter<byte>(256);
        await _writeGate.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            var id = xid ?? Interlocked.Increment(ref _xid);
            writeFrame(buffer, id);
            lock (_pendingGate)
                _pending.Enqueue((id, type, done));
            _lastSend = Environment.TickCount64;
            await _stream.WriteAsync(buffer.WrittenMemory);
        }
        finally
        {
            _writeGate.Release();
        }
        return await done.Task;
    }

    /// <summary>Sends raw bytes (tests of malformed input).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Like <see cref="SendAsync"/> but throws <see cref="ZkException"/> on a non-zero error code.</summary>
    public async Task<T> CallAsync<T>(OpCode type, ZkRequest request) where T : ZkResponse
    {
        var reply = await SendAsync(type, request);
        if (reply.Header.Err != ErrorCode.Ok)
            throw new ZkException(reply.Header.Err, $"{type} failed: {reply.Header.Err}");
        return (T)reply.Body!;
    }

    public async Task CloseSessionAsync()
    {
        try
        {
            await SendAsync(OpCode.CloseSession, EmptyRequest.Instance);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception failure = new IOException("connection closed by the server");
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var frame = await ReadFrameAsync(_reader, _stop.Token);
                if (frame is null)
                    break;
                Dispatch(frame);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        Fail(failure);
    }

    private void Dispatch(byte[] frame)
    {
        var header = Decode(frame, static (ref JuteReader r) => ResponseCodec.ReadHeader(ref r));
        if (header.Xid == Xids.Notification)
        {
            var e = Decode(frame, static (ref JuteReader r) =>
            {
                ResponseCodec.ReadHeader(ref r);
                return ResponseCodec.ReadWatcherEvent(ref r);
            });
            _events.Writer.TryWrite(e);
            return;
        }
        if (header.Xid == Xids.Ping)
            return;
        (int Xid, OpCode Type, TaskCompletionSource<ZkReply> Done) pending;
        lock (_pendingGate)
        {
            if (!_pending.TryDequeue(out pending))
                throw new IOException($"reply xid {header.Xid} with no request outstanding");
        }
        if (pending.Xid != header.Xid)
        {
            pending.Done.TrySetException(new IOException($"reply xid {header.Xid} out of order, expected {pending.Xid}"));
            throw new IOException("xid out of order");
        }
        var reader = new JuteReader(frame);
        ResponseCodec.ReadHeader(ref reader);
        ZkResponse? body = null;
        if (!reader.AtEnd && (header.Err == ErrorCode.Ok || pending.Type == OpCode.Multi || pending.Type == OpCode.MultiRead))
            body = ResponseCodec.ReadBody(pending.Type, ref reader);
        pending.Done.TrySetResult(new ZkReply(header, body));
    }

    private async Task PingLoopAsync()
    {
        var interval = Math.Max(100, NegotiatedTimeoutMs / 3);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(interval / 2, _stop.Token);
                if (Environment.TickCount64 - _lastSend < interval)
                    continue;
                var buffer = new ArrayBufferWriter<byte>(16);
                Framing.WriteFrame(buffer, 0, static (w, _) => RequestCodec.WriteHeader(w, new RequestHeader(Xids.Ping, OpCode.Ping)));
                await SendRawAsync(buffer.WrittenMemory);
                _lastSend = Environment.TickCount64;
            }
        }
        catch (Exception)
        {
            // the read loop reports the failure
        }
    }

    private void Fail(Exception failure)
    {
        _stop.Cancel();
        _events.Writer.TryComplete();
        lock (_pendingGate)
        {
            while (_pending.TryDequeue(out var p))
                p.Done.TrySetException(failure);
        }
    }

    private static async Task<byte[]?> ReadFrameAsync(PipeReader reader, CancellationToken cancel)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancel);
            var buffer = result.Buffer;
            if (Framing.TryReadFrame(ref buffer, int.MaxValue, out var frame))
            {
                var bytes = frame.ToArray();
                reader.AdvanceTo(buffer.Start);
                return bytes;
            }
            if (result.IsCompleted)
                return null;
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private delegate T Decoder<T>(ref JuteReader reader);

    private static T Decode<T>(byte[] frame, Decoder<T> decode)
    {
        var reader = new JuteReader(frame, int.MaxValue);
        return decode(ref reader);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        _socket.Dispose();
        await Task.WhenAll(_readLoop, _pingLoop).WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        Fail(new ObjectDisposedException(nameof(ZkClient)));
    }
}

/// <summary>One reply: the header, and the body when there is one.</summary>
public sealed record ZkReply(ReplyHeader Header, ZkResponse? Body);

public sealed class ZkException(ErrorCode code, string message) : Exception(message)
{
    public ErrorCode Code { get; } = code;
}
