using System.Buffers;
using System.Buffers.Binary;
using AkkaZk.Clients;
using AkkaZk.Data;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Tests.Clients;

/// <summary>
/// A minimal jute codec behind the connection's seam, enough for these tests: connect, ping, closeSession, auth,
/// getData and create. Other opcodes decode as unknown (null body). The real codec replaces it in the node.
/// </summary>
internal sealed class TestWireCodec : IWireCodec
{
    public ConnectRequest ReadConnect(ReadOnlySpan<byte> frame)
    {
        var r = new JuteReader(frame);
        var protocolVersion = r.ReadInt();
        var lastZxid = r.ReadLong();
        var timeout = r.ReadInt();
        var sessionId = r.ReadLong();
        var passwd = r.ReadBuffer() ?? [];
        bool? readOnly = r.AtEnd ? null : r.ReadBool();
        return new ConnectRequest(protocolVersion, lastZxid, timeout, sessionId, passwd, readOnly);
    }

    public (RequestHeader Header, ZkRequest? Request) ReadRequest(ReadOnlySpan<byte> frame)
    {
        var r = new JuteReader(frame);
        var header = new RequestHeader(r.ReadInt(), (OpCode)r.ReadInt());
        ZkRequest? request = header.Type switch
        {
            OpCode.Ping or OpCode.CloseSession => EmptyRequest.Instance,
            OpCode.GetData => new GetDataRequest(r.ReadString()!, r.ReadBool()),
            OpCode.Create => ReadCreate(ref r),
            OpCode.Auth => new AuthPacket(r.ReadInt(), r.ReadString()!, r.ReadBuffer() ?? []),
            _ => null,
        };
        return (header, request);
    }

    private static CreateRequest ReadCreate(ref JuteReader r)
    {
        var path = r.ReadString()!;
        var data = r.ReadBuffer() ?? [];
        var count = r.ReadVectorCount();
        var acl = new List<Acl>();
        for (var i = 0; i < count; i++)
            acl.Add(new Acl((Perms)r.ReadInt(), new Id(r.ReadString()!, r.ReadString()!)));
        return new CreateRequest(path, data, acl, (CreateMode)r.ReadInt());
    }

    public void WriteConnectResponse(IBufferWriter<byte> output, ConnectResponse response) => Framed(output, w =>
    {
        w.WriteInt(response.ProtocolVersion);
        w.WriteInt(response.TimeOut);
        w.WriteLong(response.SessionId);
        w.WriteBuffer(response.Passwd);
        if (response.ReadOnly is { } readOnly)
            w.WriteBool(readOnly);
    });

    public void WriteReply(IBufferWriter<byte> output, ReplyHeader header, OpCode type, ZkResponse? response) => Framed(output, w =>
    {
        w.WriteInt(header.Xid);
        w.WriteLong(header.Zxid);
        w.WriteInt((int)header.Err);
        if (header.Err != ErrorCode.Ok)
            return;
        switch (response)
        {
            case GetDataResponse data:
                w.WriteBuffer(data.Data);
                WriteStat(w, data.Stat);
                break;
            case CreateResponse create:
                w.WriteString(create.Path);
                break;
        }
    });

    public void WriteNotification(IBufferWriter<byte> output, WatcherEvent watcherEvent) => Framed(output, w =>
    {
        w.WriteInt(Xids.Notification);
        w.WriteLong(-1);
        w.WriteInt(0);
        w.WriteInt((int)watcherEvent.Type);
        w.WriteInt((int)watcherEvent.State);
        w.WriteString(watcherEvent.Path);
    });

    private static void WriteStat(JuteWriter w, Stat s)
    {
        w.WriteLong(s.Czxid);
        w.WriteLong(s.Mzxid);
        w.WriteLong(s.Ctime);
        w.WriteLong(s.Mtime);
        w.WriteInt(s.Version);
        w.WriteInt(s.Cversion);
        w.WriteInt(s.Aversion);
        w.WriteLong(s.EphemeralOwner);
        w.WriteInt(s.DataLength);
        w.WriteInt(s.NumChildren);
        w.WriteLong(s.Pzxid);
    }

    private static void Framed(IBufferWriter<byte> output, Action<JuteWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        body(new JuteWriter(buffer));
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), buffer.WrittenCount);
        output.Advance(4);
        output.Write(buffer.WrittenSpan);
    }
}
