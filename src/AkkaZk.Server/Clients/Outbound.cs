using System.Buffers;
using AkkaZk.Protocol;

namespace AkkaZk.Clients;

/// <summary>
/// A frame queued for a connection's write loop. Encoding happens there, off the actor; ReleasesPermit marks the
/// reply to a client request, whose write lets the read loop take one more request (the outstanding limit).
/// </summary>
internal abstract record Outbound
{
    public virtual bool ReleasesPermit => false;

    public abstract void WriteTo(IWireCodec codec, IBufferWriter<byte> output);

    public sealed record Connect(ConnectResponse Response) : Outbound
    {
        public override void WriteTo(IWireCodec codec, IBufferWriter<byte> output) => codec.WriteConnectResponse(output, Response);
    }

    public sealed record Reply(ReplyHeader Header, OpCode Type, ZkResponse? Response) : Outbound
    {
        public override bool ReleasesPermit => true;

        public override void WriteTo(IWireCodec codec, IBufferWriter<byte> output) => codec.WriteReply(output, Header, Type, Response);
    }

    public sealed record Notification(Protocol.WatcherEvent Event) : Outbound
    {
        public override void WriteTo(IWireCodec codec, IBufferWriter<byte> output) => codec.WriteNotification(output, Event);
    }

    /// <summary>Unframed bytes: a four-letter word's answer.</summary>
    public sealed record Raw(byte[] Bytes) : Outbound
    {
        public override void WriteTo(IWireCodec codec, IBufferWriter<byte> output) => output.Write(Bytes);
    }

    /// <summary>Everything queued before it is written, then the socket is shut down.</summary>
    public sealed record Close : Outbound
    {
        public static readonly Close Instance = new();

        public override void WriteTo(IWireCodec codec, IBufferWriter<byte> output)
        {
        }
    }
}
