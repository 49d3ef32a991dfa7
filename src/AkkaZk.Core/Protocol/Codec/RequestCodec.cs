using System.Buffers;
using AkkaZk.Data;
using AkkaZk.Jute;

namespace AkkaZk.Protocol.Codec;

/// <summary>
/// Client requests after the handshake: RequestHeader{xid, type} followed by the body the opcode names
/// (the reference's §4 table). Reading is the server side, writing the client side (load generator, tests).
/// </summary>
public static class RequestCodec
{
    public static RequestHeader ReadHeader(ref JuteReader reader) => new(reader.ReadInt(), (OpCode)reader.ReadInt());

    public static void WriteHeader(JuteWriter writer, RequestHeader header)
    {
        writer.WriteInt(header.Xid);
        writer.WriteInt((int)header.Type);
    }

    /// <summary>Reads a whole request frame: the header, then the body (null for an opcode a client may not send).</summary>
    public static (RequestHeader Header, ZkRequest? Body) Read(ref JuteReader reader)
    {
        var header = ReadHeader(ref reader);
        return (header, ReadBody(header.Type, ref reader));
    }

    /// <summary>
    /// Reads the body for <paramref name="type"/>. Returns null for an opcode a client may not send (unknown,
    /// notification, error, createSession): ZooKeeper answers those with ReplyHeader{xid, -1, Unimplemented (-6)}
    /// and closes the session. check (13) outside a multi decodes fine; ZooKeeper answers it Unimplemented too.
    /// Malformed bodies throw <see cref="JuteException"/>.
    /// </summary>
    public static ZkRequest? ReadBody(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => ReadCreate(ref reader, withTtl: false),
        OpCode.CreateTtl => ReadCreate(ref reader, withTtl: true),
        OpCode.Delete => new DeleteRequest(ReadPath(ref reader), reader.ReadInt()),
        OpCode.DeleteContainer => new DeleteContainerRequest(ReadRawPath(ref reader)),
        OpCode.Exists => new ExistsRequest(ReadPath(ref reader), reader.ReadBool()),
        OpCode.GetData => new GetDataRequest(ReadPath(ref reader), reader.ReadBool()),
        OpCode.SetData => new SetDataRequest(ReadPath(ref reader), DataCodec.ReadBuffer(ref reader), reader.ReadInt()),
        OpCode.GetAcl => new GetAclRequest(ReadPath(ref reader)),
        OpCode.SetAcl => new SetAclRequest(ReadPath(ref reader), DataCodec.ReadAcls(ref reader), reader.ReadInt()),
        OpCode.GetChildren or OpCode.GetChildren2 => new GetChildrenRequest(ReadPath(ref reader), reader.ReadBool()),
        OpCode.Sync => new SyncRequest(ReadPath(ref reader)),
        OpCode.Check => new CheckVersionRequest(ReadPath(ref reader), reader.ReadInt()),
        OpCode.Multi or OpCode.MultiRead => MultiCodec.ReadRequest(ref reader),
        OpCode.Reconfig => new ReconfigRequest(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadLong()),
        OpCode.SetWatches => ReadSetWatches(ref reader, withPersistent: false),
        OpCode.SetWatches2 => ReadSetWatches(ref reader, withPersistent: true),
        OpCode.AddWatch => new AddWatchRequest(ReadPath(ref reader), (AddWatchMode)reader.ReadInt()),
        OpCode.CheckWatches => new CheckWatchesRequest(ReadPath(ref reader), (WatcherType)reader.ReadInt()),
        OpCode.RemoveWatches => new RemoveWatchesRequest(ReadPath(ref reader), (WatcherType)reader.ReadInt()),
        OpCode.GetEphemerals => new GetEphemeralsRequest(ReadPath(ref reader)),
        OpCode.GetAllChildrenNumber => new GetAllChildrenNumberRequest(ReadPath(ref reader)),
        OpCode.Auth => new AuthPacket(reader.ReadInt(), DataCodec.ReadRequiredString(ref reader), DataCodec.ReadBuffer(ref reader)),
        OpCode.Sasl => new SaslRequest(DataCodec.ReadBuffer(ref reader)),
        OpCode.Ping or OpCode.CloseSession or OpCode.WhoAmI => EmptyRequest.Instance,
        _ => null,
    };

    /// <summary>
    /// The server's reading of a body: as <see cref="ReadBody"/>, except that a read's or a write's body that does
    /// not decode comes back as <see cref="UndecodableRequest"/> (ZooKeeper decodes those in its request pipeline and
    /// answers MarshallingError). Other malformed bodies (auth, sasl) still throw: they close the connection.
    /// </summary>
    public static ZkRequest? ReadServerBody(OpCode type, ReadOnlySpan<byte> body, int maxFieldLength = JuteReader.DefaultMaxFieldLength)
    {
        var reader = new JuteReader(body, maxFieldLength);
        try
        {
            return ReadBody(type, ref reader);
        }
        catch (JuteException e) when (RequestKinds.IsWrite(type) || RequestKinds.IsRead(type))
        {
            return new UndecodableRequest(body.ToArray(), e.Message);
        }
    }

    /// <summary>Writes RequestHeader + body. The body's record type must be the one <see cref="ReadBody"/> returns for the opcode.</summary>
    public static void Write(JuteWriter writer, RequestHeader header, ZkRequest request)
    {
        WriteHeader(writer, header);
        WriteBody(writer, header.Type, request);
    }

    public static void WriteBody(JuteWriter writer, OpCode type, ZkRequest request)
    {
        switch (type, request)
        {
            case (_, UndecodableRequest undecodable):
                writer.WriteRaw(undecodable.Body);
                break;
            case (OpCode.Create or OpCode.Create2 or OpCode.CreateContainer, CreateRequest create):
                WriteCreate(writer, create, withTtl: false);
                break;
            case (OpCode.CreateTtl, CreateRequest create):
                WriteCreate(writer, create, withTtl: true);
                break;
            case (OpCode.Delete, DeleteRequest delete):
                writer.WriteString(delete.Path);
                writer.WriteInt(delete.Version);
                break;
            case (OpCode.DeleteContainer, DeleteContainerRequest deleteContainer):
                WriteRawPath(writer, deleteContainer.Path);
                break;
            case (OpCode.Exists, ExistsRequest exists):
                writer.WriteString(exists.Path);
                writer.WriteBool(exists.Watch);
                break;
            case (OpCode.GetData, GetDataRequest getData):
                writer.WriteString(getData.Path);
                writer.WriteBool(getData.Watch);
                break;
            case (OpCode.SetData, SetDataRequest setData):
                writer.WriteString(setData.Path);
                DataCodec.WriteBuffer(writer, setData.Data);
                writer.WriteInt(setData.Version);
                break;
            case (OpCode.GetAcl, GetAclRequest getAcl):
                writer.WriteString(getAcl.Path);
                break;
            case (OpCode.SetAcl, SetAclRequest setAcl):
                writer.WriteString(setAcl.Path);
                DataCodec.WriteAcls(writer, setAcl.Acl);
                writer.WriteInt(setAcl.Version);
                break;
            case (OpCode.GetChildren or OpCode.GetChildren2, GetChildrenRequest getChildren):
                writer.WriteString(getChildren.Path);
                writer.WriteBool(getChildren.Watch);
                break;
            case (OpCode.Sync, SyncRequest sync):
                writer.WriteString(sync.Path);
                break;
            case (OpCode.Check, CheckVersionRequest check):
                writer.WriteString(check.Path);
                writer.WriteInt(check.Version);
                break;
            case (OpCode.Multi or OpCode.MultiRead, MultiRequest multi):
                MultiCodec.WriteRequest(writer, multi);
                break;
            case (OpCode.Reconfig, ReconfigRequest reconfig):
                writer.WriteString(reconfig.JoiningServers);
                writer.WriteString(reconfig.LeavingServers);
                writer.WriteString(reconfig.NewMembers);
                writer.WriteLong(reconfig.CurConfigId);
                break;
            case (OpCode.SetWatches, SetWatchesRequest setWatches):
                WriteSetWatches(writer, setWatches, withPersistent: false);
                break;
            case (OpCode.SetWatches2, SetWatchesRequest setWatches):
                WriteSetWatches(writer, setWatches, withPersistent: true);
                break;
            case (OpCode.AddWatch, AddWatchRequest addWatch):
                writer.WriteString(addWatch.Path);
                writer.WriteInt((int)addWatch.Mode);
                break;
            case (OpCode.CheckWatches, CheckWatchesRequest checkWatches):
                writer.WriteString(checkWatches.Path);
                writer.WriteInt((int)checkWatches.Type);
                break;
            case (OpCode.RemoveWatches, RemoveWatchesRequest removeWatches):
                writer.WriteString(removeWatches.Path);
                writer.WriteInt((int)removeWatches.Type);
                break;
            case (OpCode.GetEphemerals, GetEphemeralsRequest getEphemerals):
                writer.WriteString(getEphemerals.PrefixPath);
                break;
            case (OpCode.GetAllChildrenNumber, GetAllChildrenNumberRequest getAllChildrenNumber):
                writer.WriteString(getAllChildrenNumber.Path);
                break;
            case (OpCode.Auth, AuthPacket auth):
                writer.WriteInt(auth.Type);
                writer.WriteString(auth.Scheme);
                DataCodec.WriteBuffer(writer, auth.Auth);
                break;
            case (OpCode.Sasl, SaslRequest sasl):
                DataCodec.WriteBuffer(writer, sasl.Token);
                break;
            case (OpCode.Ping or OpCode.CloseSession or OpCode.WhoAmI, EmptyRequest):
                break;
            default:
                throw new ArgumentException($"{request.GetType().Name} is not the body of opcode {type}", nameof(request));
        }
    }

    private static string ReadPath(ref JuteReader reader) => DataCodec.ReadRequiredString(ref reader);

    private static CreateRequest ReadCreate(ref JuteReader reader, bool withTtl)
    {
        var path = ReadPath(ref reader);
        var data = DataCodec.ReadBuffer(ref reader);
        var acl = DataCodec.ReadAcls(ref reader);
        var flags = (CreateMode)reader.ReadInt();
        var ttl = withTtl ? reader.ReadLong() : 0;
        return new CreateRequest(path, data, acl, flags, ttl);
    }

    private static void WriteCreate(JuteWriter writer, CreateRequest create, bool withTtl)
    {
        writer.WriteString(create.Path);
        DataCodec.WriteBuffer(writer, create.Data);
        DataCodec.WriteAcls(writer, create.Acl);
        writer.WriteInt((int)create.Flags);
        if (withTtl)
            writer.WriteLong(create.Ttl);
    }

    private static SetWatchesRequest ReadSetWatches(ref JuteReader reader, bool withPersistent)
    {
        var relativeZxid = reader.ReadLong();
        var data = DataCodec.ReadStrings(ref reader);
        var exist = DataCodec.ReadStrings(ref reader);
        var child = DataCodec.ReadStrings(ref reader);
        var persistent = withPersistent ? DataCodec.ReadStrings(ref reader) : [];
        var persistentRecursive = withPersistent ? DataCodec.ReadStrings(ref reader) : [];
        return new SetWatchesRequest(relativeZxid, data, exist, child, persistent, persistentRecursive);
    }

    private static void WriteSetWatches(JuteWriter writer, SetWatchesRequest setWatches, bool withPersistent)
    {
        writer.WriteLong(setWatches.RelativeZxid);
        writer.WriteStrings(setWatches.DataWatches);
        writer.WriteStrings(setWatches.ExistWatches);
        writer.WriteStrings(setWatches.ChildWatches);
        if (!withPersistent)
            return;
        writer.WriteStrings(setWatches.PersistentWatches);
        writer.WriteStrings(setWatches.PersistentRecursiveWatches);
    }

    // deleteContainer is server-internal: ContainerManager wraps the path's UTF-8 bytes with no length prefix.
    private static string ReadRawPath(ref JuteReader reader) => reader.ReadUtf8(reader.Remaining);

    private static void WriteRawPath(JuteWriter writer, string path) =>
        writer.Output.Write(System.Text.Encoding.UTF8.GetBytes(path));
}
