using AkkaZk.Jute;

namespace AkkaZk.Protocol.Codec;

/// <summary>
/// Server replies after the handshake: ReplyHeader{xid, zxid, err} and, when err is 0, the body the request's
/// opcode names. Writing is the server side; reading is the client side (tests, load generator).
/// </summary>
public static class ResponseCodec
{
    public static ReplyHeader ReadHeader(ref JuteReader reader) =>
        new(reader.ReadInt(), reader.ReadLong(), (ErrorCode)reader.ReadInt());

    public static void WriteHeader(JuteWriter writer, ReplyHeader header)
    {
        writer.WriteInt(header.Xid);
        writer.WriteLong(header.Zxid);
        writer.WriteInt((int)header.Err);
    }

    /// <summary>
    /// Writes ReplyHeader + body. As ZooKeeper's FinalRequestProcessor does, the body is left out when err is not 0
    /// (a failed request never got one), except a MultiResponse, which is always written.
    /// </summary>
    public static void Write(JuteWriter writer, ReplyHeader header, ZkResponse? response)
    {
        WriteHeader(writer, header);
        if (response is null || response is EmptyResponse)
            return;
        if (header.Err != ErrorCode.Ok && response is not MultiResponse)
            return;
        WriteBody(writer, response);
    }

    /// <summary>A watch notification: ReplyHeader{-1, zxid, 0} + WatcherEvent. ZooKeeper 3.8 sends zxid -1.</summary>
    public static void WriteNotification(JuteWriter writer, WatcherEvent watcherEvent, long zxid = -1)
    {
        WriteHeader(writer, new ReplyHeader(Xids.Notification, zxid, ErrorCode.Ok));
        WriteWatcherEvent(writer, watcherEvent);
    }

    public static WatcherEvent ReadWatcherEvent(ref JuteReader reader) =>
        new((EventType)reader.ReadInt(), (KeeperState)reader.ReadInt(), DataCodec.ReadRequiredString(ref reader));

    public static void WriteWatcherEvent(JuteWriter writer, WatcherEvent watcherEvent)
    {
        writer.WriteInt((int)watcherEvent.Type);
        writer.WriteInt((int)watcherEvent.State);
        writer.WriteString(watcherEvent.Path);
    }

    /// <summary>Writes a body by its record type (every response record has exactly one layout).</summary>
    public static void WriteBody(JuteWriter writer, ZkResponse response)
    {
        switch (response)
        {
            case CreateResponse create:
                writer.WriteString(create.Path);
                break;
            case Create2Response create2:
                writer.WriteString(create2.Path);
                DataCodec.WriteStat(writer, create2.Stat);
                break;
            case StatResponse stat:
                DataCodec.WriteStat(writer, stat.Stat);
                break;
            case GetDataResponse getData:
                DataCodec.WriteBuffer(writer, getData.Data);
                DataCodec.WriteStat(writer, getData.Stat);
                break;
            case GetChildrenResponse getChildren:
                writer.WriteStrings(getChildren.Children);
                break;
            case GetChildren2Response getChildren2:
                writer.WriteStrings(getChildren2.Children);
                DataCodec.WriteStat(writer, getChildren2.Stat);
                break;
            case GetAclResponse getAcl:
                DataCodec.WriteAcls(writer, getAcl.Acl);
                DataCodec.WriteStat(writer, getAcl.Stat);
                break;
            case SyncResponse sync:
                writer.WriteString(sync.Path);
                break;
            case GetAllChildrenNumberResponse number:
                writer.WriteInt(number.TotalNumber);
                break;
            case GetEphemeralsResponse ephemerals:
                writer.WriteStrings(ephemerals.Ephemerals);
                break;
            case WhoAmIResponse whoAmI:
                writer.WriteVector(whoAmI.ClientInfo, static (w, info) =>
                {
                    w.WriteString(info.AuthScheme);
                    w.WriteString(info.User);
                });
                break;
            case SetSaslResponse sasl:
                DataCodec.WriteBuffer(writer, sasl.Token);
                break;
            case ErrorResponse error:
                writer.WriteInt((int)error.Err);
                break;
            case MultiResponse multi:
                MultiCodec.WriteResponse(writer, multi);
                break;
            case EmptyResponse:
                break;
            default:
                throw new ArgumentException($"no wire layout for {response.GetType().Name}", nameof(response));
        }
    }

    /// <summary>
    /// Reads the body of a successful reply to a request of type <paramref name="type"/>. Opcodes whose reply is
    /// header-only give <see cref="EmptyResponse"/>; an opcode with no reply layout throws <see cref="JuteException"/>.
    /// </summary>
    public static ZkResponse ReadBody(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create => new CreateResponse(DataCodec.ReadRequiredString(ref reader)),
        OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl =>
            new Create2Response(DataCodec.ReadRequiredString(ref reader), DataCodec.ReadStat(ref reader)),
        OpCode.Exists or OpCode.SetData or OpCode.SetAcl => new StatResponse(DataCodec.ReadStat(ref reader)),
        OpCode.GetData or OpCode.Reconfig =>
            new GetDataResponse(DataCodec.ReadBuffer(ref reader), DataCodec.ReadStat(ref reader)),
        OpCode.GetAcl => new GetAclResponse(DataCodec.ReadAcls(ref reader), DataCodec.ReadStat(ref reader)),
        OpCode.GetChildren => new GetChildrenResponse(DataCodec.ReadStrings(ref reader)),
        OpCode.GetChildren2 => new GetChildren2Response(DataCodec.ReadStrings(ref reader), DataCodec.ReadStat(ref reader)),
        OpCode.Sync => new SyncResponse(DataCodec.ReadRequiredString(ref reader)),
        OpCode.Multi or OpCode.MultiRead => MultiCodec.ReadResponse(ref reader),
        OpCode.GetAllChildrenNumber => new GetAllChildrenNumberResponse(reader.ReadInt()),
        OpCode.GetEphemerals => new GetEphemeralsResponse(DataCodec.ReadStrings(ref reader)),
        OpCode.WhoAmI => new WhoAmIResponse(ReadClientInfos(ref reader)),
        OpCode.Sasl => new SetSaslResponse(DataCodec.ReadBuffer(ref reader)),
        OpCode.AddWatch => new ErrorResponse((ErrorCode)reader.ReadInt()),
        OpCode.Delete or OpCode.DeleteContainer or OpCode.Check or OpCode.Ping or OpCode.CloseSession
            or OpCode.SetWatches or OpCode.SetWatches2 or OpCode.Auth or OpCode.CheckWatches or OpCode.RemoveWatches
            => EmptyResponse.Instance,
        _ => throw new JuteException($"no reply layout for opcode {(int)type}"),
    };

    /// <summary>
    /// Reads a whole reply frame to a request of type <paramref name="type"/>: the header, and the body when err
    /// is 0 (or, for multi, whenever one follows). Body is null when the reply carried none.
    /// </summary>
    public static (ReplyHeader Header, ZkResponse? Body) Read(OpCode type, ref JuteReader reader)
    {
        var header = ReadHeader(ref reader);
        var hasBody = header.Err == ErrorCode.Ok
            || (type is OpCode.Multi or OpCode.MultiRead && !reader.AtEnd);
        return (header, hasBody ? ReadBody(type, ref reader) : null);
    }

    private static IReadOnlyList<ClientInfo> ReadClientInfos(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        if (count <= 0)
            return [];
        var infos = new ClientInfo[count];
        for (var i = 0; i < count; i++)
            infos[i] = new ClientInfo(DataCodec.ReadRequiredString(ref reader), DataCodec.ReadRequiredString(ref reader));
        return infos;
    }
}
