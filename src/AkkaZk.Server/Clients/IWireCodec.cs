using System.Buffers;
using AkkaZk.Protocol;

namespace AkkaZk.Clients;

/// <summary>
/// The seam between the connection and the jute codec. Readers get one frame's payload (the 4-byte length already
/// stripped) and throw <see cref="Jute.JuteException"/> on malformed input; writers append one whole length-prefixed
/// frame. Implementations must be thread-safe: reads run on each connection's read loop, writes on its write loop.
/// </summary>
public interface IWireCodec
{
    /// <summary>The first frame of a session connection.</summary>
    ConnectRequest ReadConnect(ReadOnlySpan<byte> frame);

    /// <summary>A later frame. A null body means an unknown opcode: the connection answers Unimplemented (-6) and closes.</summary>
    (RequestHeader Header, ZkRequest? Request) ReadRequest(ReadOnlySpan<byte> frame);

    void WriteConnectResponse(IBufferWriter<byte> output, ConnectResponse response);

    /// <summary>A reply; the body is omitted when header.Err is not Ok (multi excepted, the codec knows).</summary>
    void WriteReply(IBufferWriter<byte> output, ReplyHeader header, OpCode type, ZkResponse? response);

    /// <summary>A watch notification: ReplyHeader{-1, -1, 0} + WatcherEvent (ZooKeeper 3.8).</summary>
    void WriteNotification(IBufferWriter<byte> output, WatcherEvent watcherEvent);
}
