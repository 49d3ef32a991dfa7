using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Tests.Clients;

/// <summary>A raw TCP client speaking just enough of the wire protocol to drive the connection actor.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public static async Task<TestClient> ConnectAsync(IPEndPoint server)
    {
        var client = new TestClient();
        await client._socket.ConnectAsync(server);
        return client;
    }

    public Task SendRawAsync(byte[] bytes) => _socket.SendAsync(bytes, SocketFlags.None);

    public Task SendFrameAsync(Action<JuteWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        body(new JuteWriter(buffer));
        var frame = new byte[4 + buffer.WrittenCount];
        BinaryPrimitives.WriteInt32BigEndian(frame, buffer.WrittenCount);
        buffer.WrittenSpan.CopyTo(frame.AsSpan(4));
        return SendRawAsync(frame);
    }

    public Task SendConnectAsync(long sessionId = 0, int timeout = 30000, long lastZxidSeen = 0, bool? readOnly = null, byte[]? passwd = null) =>
        SendFrameAsync(w =>
        {
            w.WriteInt(0);
            w.WriteLong(lastZxidSeen);
            w.WriteInt(timeout);
            w.WriteLong(sessionId);
            w.WriteBuffer(passwd ?? new byte[16]);
            if (readOnly is { } ro)
                w.WriteBool(ro);
        });

    public Task SendPingAsync() => SendFrameAsync(w =>
    {
        w.WriteInt(Xids.Ping);
        w.WriteInt((int)OpCode.Ping);
    });

    public Task SendGetDataAsync(int xid, string path, bool watch = false) => SendFrameAsync(w =>
    {
        w.WriteInt(xid);
        w.WriteInt((int)OpCode.GetData);
        w.WriteString(path);
        w.WriteBool(watch);
    });

    public Task SendHeaderOnlyAsync(int xid, int type) => SendFrameAsync(w =>
    {
        w.WriteInt(xid);
        w.WriteInt(type);
    });

    public Task SendAuthAsync(string scheme, string auth) => SendFrameAsync(w =>
    {
        w.WriteInt(Xids.Auth);
        w.WriteInt((int)OpCode.Auth);
        w.WriteInt(0);
        w.WriteString(scheme);
        w.WriteBuffer(Encoding.UTF8.GetBytes(auth));
    });

    /// <summary>The next frame's payload, or null when the server closed the connection.</summary>
    public async Task<byte[]?> ReadFrameAsync()
    {
        var length = new byte[4];
        if (!await ReadExactlyAsync(length))
            return null;
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        return await ReadExactlyAsync(frame) ? frame : null;
    }

    public async Task<ReplyHeader> ReadReplyHeaderAsync()
    {
        var frame = await ReadFrameAsync() ?? throw new InvalidOperationException("connection closed before a reply");
        return ParseReplyHeader(frame);
    }

    public static ReplyHeader ParseReplyHeader(byte[] frame)
    {
        var r = new JuteReader(frame);
        return new ReplyHeader(r.ReadInt(), r.ReadLong(), (ErrorCode)r.ReadInt());
    }

    /// <summary>Everything the server sends until it closes (four-letter words).</summary>
    public async Task<string> ReadToEndAsync()
    {
        using var cts = new CancellationTokenSource(ReadTimeout);
        var all = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
            all.Write(buffer, 0, read);
        return Encoding.ASCII.GetString(all.ToArray());
    }

    /// <summary>True when the server closes (or resets) the connection within the timeout without sending more.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(ReadTimeout);
            var buffer = new byte[1];
            return await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        using var cts = new CancellationTokenSource(ReadTimeout);
        var offset = 0;
        try
        {
            while (offset < buffer.Length)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(offset), SocketFlags.None, cts.Token);
                if (read == 0)
                    return false;
                offset += read;
            }
        }
        catch (SocketException)
        {
            return false;
        }
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
