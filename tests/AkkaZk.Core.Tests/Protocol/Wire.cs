using System.Buffers;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;

namespace AkkaZk.Tests.Protocol;

/// <summary>Test helpers: encode into a byte array, and decode a whole frame the way each side of a connection does.</summary>
public static class Wire
{
    public static byte[] Encode(Action<JuteWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new JuteWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>What a server makes of a client frame: the header and body (body null for an unknown opcode).</summary>
    public static (RequestHeader Header, ZkRequest? Body) DecodeRequest(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        var header = RequestCodec.ReadHeader(ref reader);
        return (header, RequestCodec.ReadBody(header.Type, ref reader));
    }

    /// <summary>
    /// Decodes a captured frame as the receiving side would and encodes the result again; for a frame ZooKeeper
    /// produced, the bytes must come back identical.
    /// </summary>
    public static byte[] Reencode(CapturedFrame frame) => Reencode(frame, frame.Body);

    /// <summary>Decodes <paramref name="body"/> as the frame kind of <paramref name="frame"/> (truncation tests pass a prefix).</summary>
    public static byte[] Reencode(CapturedFrame frame, ReadOnlySpan<byte> body)
    {
        var reader = new JuteReader(body);
        if (frame.FromClient)
        {
            if (frame.IsHandshake)
            {
                var connect = ConnectCodec.ReadConnectRequest(ref reader);
                return Encode(w => ConnectCodec.WriteConnectRequest(w, connect));
            }
            var header = RequestCodec.ReadHeader(ref reader);
            var request = RequestCodec.ReadBody(header.Type, ref reader);
            return Encode(w =>
            {
                if (request is null)
                    RequestCodec.WriteHeader(w, header);
                else
                    RequestCodec.Write(w, header, request);
            });
        }
        if (frame.IsHandshake)
        {
            var connect = ConnectCodec.ReadConnectResponse(ref reader);
            return Encode(w => ConnectCodec.WriteConnectResponse(w, connect));
        }
        if (frame.OpCode == OpCode.Notification)
        {
            var header = ResponseCodec.ReadHeader(ref reader);
            var watcherEvent = ResponseCodec.ReadWatcherEvent(ref reader);
            return Encode(w => ResponseCodec.WriteNotification(w, watcherEvent, header.Zxid));
        }
        var (replyHeader, response) = ResponseCodec.Read(frame.OpCode!.Value, ref reader);
        return Encode(w => ResponseCodec.Write(w, replyHeader, response));
    }
}
