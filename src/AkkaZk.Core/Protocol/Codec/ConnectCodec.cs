using AkkaZk.Jute;

namespace AkkaZk.Protocol.Codec;

/// <summary>
/// The session handshake: the first frame in each direction, without Request/ReplyHeader. The readOnly byte is
/// optional: old clients omit it, and the server writes it back only when the client sent it.
/// </summary>
public static class ConnectCodec
{
    public static ConnectRequest ReadConnectRequest(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var lastZxidSeen = reader.ReadLong();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = DataCodec.ReadBuffer(ref reader);
        bool? readOnly = reader.AtEnd ? null : reader.ReadBool();
        return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly);
    }

    public static void WriteConnectRequest(JuteWriter writer, ConnectRequest request)
    {
        writer.WriteInt(request.ProtocolVersion);
        writer.WriteLong(request.LastZxidSeen);
        writer.WriteInt(request.TimeOut);
        writer.WriteLong(request.SessionId);
        DataCodec.WriteBuffer(writer, request.Passwd);
        if (request.ReadOnly is { } readOnly)
            writer.WriteBool(readOnly);
    }

    public static ConnectResponse ReadConnectResponse(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = DataCodec.ReadBuffer(ref reader);
        bool? readOnly = reader.AtEnd ? null : reader.ReadBool();
        return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, readOnly);
    }

    /// <summary>Writes ConnectResponse; set ReadOnly to null when the client's ConnectRequest had no readOnly byte.</summary>
    public static void WriteConnectResponse(JuteWriter writer, ConnectResponse response)
    {
        writer.WriteInt(response.ProtocolVersion);
        writer.WriteInt(response.TimeOut);
        writer.WriteLong(response.SessionId);
        DataCodec.WriteBuffer(writer, response.Passwd);
        if (response.ReadOnly is { } readOnly)
            writer.WriteBool(readOnly);
    }
}
