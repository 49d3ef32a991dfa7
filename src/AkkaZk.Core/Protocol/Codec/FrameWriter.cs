using System.Buffers;

namespace AkkaZk.Protocol.Codec;

/// <summary>Whole length-prefixed frames for the usual messages, ready for a socket's IBufferWriter (e.g. a PipeWriter).</summary>
public static class FrameWriter
{
    public static void WriteConnectRequest(IBufferWriter<byte> output, ConnectRequest request) =>
        Framing.WriteFrame(output, request, static (w, r) => ConnectCodec.WriteConnectRequest(w, r));

    public static void WriteConnectResponse(IBufferWriter<byte> output, ConnectResponse response) =>
        Framing.WriteFrame(output, response, static (w, r) => ConnectCodec.WriteConnectResponse(w, r));

    public static void WriteRequest(IBufferWriter<byte> output, RequestHeader header, ZkRequest request) =>
        Framing.WriteFrame(output, (header, request), static (w, s) => RequestCodec.Write(w, s.header, s.request));

    /// <summary>ReplyHeader + body (body left out when err is not 0, multi excepted).</summary>
    public static void WriteReply(IBufferWriter<byte> output, ReplyHeader header, ZkResponse? response) =>
        Framing.WriteFrame(output, (header, response), static (w, s) => ResponseCodec.Write(w, s.header, s.response));

    /// <summary>A watch notification (xid -1); ZooKeeper 3.8 sends zxid -1.</summary>
    public static void WriteNotification(IBufferWriter<byte> output, WatcherEvent watcherEvent, long zxid = -1) =>
        Framing.WriteFrame(output, (watcherEvent, zxid), static (w, s) => ResponseCodec.WriteNotification(w, s.watcherEvent, s.zxid));
}
