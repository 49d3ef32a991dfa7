using System.Buffers;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;

namespace AkkaZk.Clients;

/// <summary>The connection's codec: ZooKeeper 3.8's jute encoding, with fields capped at jute.maxbuffer + extrasize.</summary>
public sealed class JuteWireCodec(int maxFieldLength = JuteReader.DefaultMaxFieldLength) : IWireCodec
{
    public ConnectRequest ReadConnect(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame, maxFieldLength);
        return ConnectCodec.ReadConnectRequest(ref reader);
    }

    public (RequestHeader Header, ZkRequest? Request) ReadRequest(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame, maxFieldLength);
        var header = RequestCodec.ReadHeader(ref reader);
        // ZooKeeper reads a client's deleteContainer path from the whole frame, request header included, so the
        // path holds the opcode's NUL bytes and prep refuses it (BadArguments); only its container manager sends a usable one.
        if (header.Type == OpCode.DeleteContainer)
            return (header, new DeleteContainerRequest(System.Text.Encoding.UTF8.GetString(frame)));
        return (header, RequestCodec.ReadServerBody(header.Type, frame[reader.Position..], maxFieldLength));
    }

    public void WriteConnectResponse(IBufferWriter<byte> output, ConnectResponse response) =>
        Framing.WriteFrame(output, response, static (w, r) => ConnectCodec.WriteConnectResponse(w, r));

    public void WriteReply(IBufferWriter<byte> output, ReplyHeader header, OpCode type, ZkResponse? response) =>
        Framing.WriteFrame(output, (header, response), static (w, s) => ResponseCodec.Write(w, s.header, s.response));

    public void WriteNotification(IBufferWriter<byte> output, WatcherEvent watcherEvent) =>
        Framing.WriteFrame(output, watcherEvent, static (w, e) => ResponseCodec.WriteNotification(w, e));
}
