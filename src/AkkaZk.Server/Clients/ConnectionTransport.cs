using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Clients;

/// <summary>
/// The socket side of one connection, off the actor: a read loop (PipeReader over the socket) that frames and
/// decodes, and a write loop that drains a channel and writes every queued frame in one send. The read loop waits
/// for a permit per request, so at the outstanding limit it stops reading and TCP pushes back on the client;
/// a slow reader only parks its own write loop, never an actor thread.
/// </summary>
internal sealed class ConnectionTransport : IDisposable
{
    private const int MaxBatchBytes = 256 * 1024;

    private readonly Socket _socket;
    private readonly IWireCodec _codec;
    private readonly int _maxBuffer;
    private readonly ConnectionStats _stats;
    private readonly ServerStats _server;
    private readonly IActorRef _owner;
    private readonly SemaphoreSlim _permits;
    private readonly Channel<Outbound> _outbound = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _sessionOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cts = new();
    private int _disposed;
    private int _closeReported;

    public ConnectionTransport(Socket socket, IWireCodec codec, ClientsSettings settings, ConnectionStats stats, ServerStats server, IActorRef owner)
    {
        _socket = socket;
        _codec = codec;
        _maxBuffer = settings.MaxBuffer;
        _stats = stats;
        _server = server;
        _owner = owner;
        _permits = new SemaphoreSlim(settings.GlobalOutstandingLimit);
        _socket.NoDelay = true;
    }

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>The session is attached: the read loop goes on past the ConnectRequest (ZooKeeper disables reads until then).</summary>
    public void OpenRequests() => _sessionOpen.TrySetResult();

    public void Send(Outbound frame) => _outbound.Writer.TryWrite(frame);

    /// <summary>Writes what is queued, then shuts the socket down; the actor hears <see cref="ConnectionEvents.TransportClosed"/>.</summary>
    public void CloseAfterFlush() => _outbound.Writer.TryWrite(Outbound.Close.Instance);

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(
            new NetworkStream(_socket, ownsSocket: false),
            new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        var first = true;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_cts.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (true)
                    {
                        if (first && ClientFraming.TryPeekInt(buffer, out var head))
                        {
                            if (FourLetterCommands.TryGet(head, out var command))
                            {
                                CountReceived();
                                _owner.Tell(new ConnectionEvents.FourLetterWordReceived(command));
                                return;
                            }
                            if (head == FourLetterCommands.TelnetClose)
                            {
                                ReportClosed("telnet close", LogLevel.DebugLevel);
                                return;
                            }
                        }
                        var status = ClientFraming.TryReadFrame(ref buffer, _maxBuffer, out var frame, out var length);
                        if (status == FrameStatus.Incomplete)
                            break;
                        if (status == FrameStatus.BadLength)
                        {
                            ReportClosed($"Len error {length}", LogLevel.InfoLevel);
                            return;
                        }
                        CountReceived();
                        if (first)
                        {
                            first = false;
                            var connect = Decode(frame, static (codec, span) => codec.ReadConnect(span));
                            _owner.Tell(new ConnectionEvents.ConnectReceived(connect));
                            await _sessionOpen.Task.WaitAsync(_cts.Token).ConfigureAwait(false);
                            continue;
                        }
                        var (header, request) = Decode(frame, static (codec, span) => codec.ReadRequest(span));
                        await _permits.WaitAsync(_cts.Token).ConfigureAwait(false);
                        _owner.Tell(new ConnectionEvents.RequestReceived(header, request, Stopwatch.GetTimestamp()));
                        if (request is null || header.Type == OpCode.CloseSession)
                            return; // the connection closes once the reply is out; nothing after it is read
                    }
                    if (result.IsCompleted)
                    {
                        ReportClosed("client closed the connection", LogLevel.DebugLevel);
                        return;
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (JuteException e)
        {
            ReportClosed($"malformed request: {e.Message}", LogLevel.InfoLevel);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            ReportClosed($"connection reset: {e.Message}", LogLevel.DebugLevel);
        }
        catch (Exception e)
        {
            ReportClosed($"cannot read request: {e.GetType().Name}: {e.Message}", LogLevel.WarningLevel);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void CountReceived()
    {
        _stats.PacketReceived();
        _server.PacketReceived();
    }

    private delegate T SpanDecoder<out T>(IWireCodec codec, ReadOnlySpan<byte> frame);

    /// <summary>Decodes one frame from a contiguous span, copying into a pooled array when the frame spans segments.</summary>
    private T Decode<T>(in ReadOnlySequence<byte> frame, SpanDecoder<T> decode)
    {
        if (frame.IsSingleSegment)
            return decode(_codec, frame.FirstSpan);
        var length = (int)frame.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            return decode(_codec, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private async Task WriteLoopAsync()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_cts.Token).ConfigureAwait(false))
            {
                var frames = 0;
                var permits = 0;
                var close = false;
                while (output.WrittenCount < MaxBatchBytes && reader.TryRead(out var item))
                {
                    if (item is Outbound.Close)
                    {
                        close = true;
                        break;
                    }
                    item.WriteTo(_codec, output);
                    frames++;
                    if (item.ReleasesPermit)
                        permits++;
                }
                if (output.WrittenCount > 0)
                    await SendAllAsync(output.WrittenMemory).ConfigureAwait(false);
                output = Recycle(output);
                _stats.PacketsSent(frames);
                _server.PacketsWritten(frames);
                if (permits > 0)
                    _permits.Release(permits);
                if (close)
                {
                    _socket.Shutdown(SocketShutdown.Both);
                    ReportClosed("closed by the server", LogLevel.DebugLevel);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            ReportClosed($"connection reset while writing: {e.Message}", LogLevel.DebugLevel);
        }
        catch (Exception e)
        {
            ReportClosed($"cannot write reply: {e.GetType().Name}: {e.Message}", LogLevel.WarningLevel);
        }
    }

    /// <summary>Reuses the batch buffer, unless one huge reply grew it: then it goes back to the GC.</summary>
    private static ArrayBufferWriter<byte> Recycle(ArrayBufferWriter<byte> output)
    {
        if (output.Capacity > 4 * MaxBatchBytes)
            return new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        return output;
    }

    private async Task SendAllAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, _cts.Token).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    private void ReportClosed(string reason, LogLevel level)
    {
        if (Volatile.Read(ref _disposed) == 0 && Interlocked.Exchange(ref _closeReported, 1) == 0)
            _owner.Tell(new ConnectionEvents.TransportClosed(reason, level));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _cts.Cancel();
        _outbound.Writer.TryComplete();
        _socket.Dispose();
    }
}
