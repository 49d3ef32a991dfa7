using System.Buffers;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;

namespace AkkaZk.Data.Txns;

/// <summary>
/// Jute encoding of txns exactly as ZooKeeper logs them: TxnHeader then the record; a multi is a MultiTxn
/// whose sub-txns are (type, buffer) pairs holding each serialized record.
/// </summary>
public static class TxnCodec
{
    public static void Write(JuteWriter writer, Txn txn)
    {
        WriteHeader(writer, txn.Header);
        if (txn.Body is not null)
            WriteBody(writer, txn.Body);
    }

    public static byte[] ToBytes(Txn txn)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(new JuteWriter(buffer), txn);
        return buffer.WrittenSpan.ToArray();
    }

    public static Txn FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new JuteReader(bytes);
        return Read(ref reader);
    }

    /// <summary>Reads a header and the record its type calls for; a trailing TxnDigest, if any, is left unread.</summary>
    public static Txn Read(ref JuteReader reader)
    {
        var header = ReadHeader(ref reader);
        return new Txn(header, ReadBody(ref reader, header.Type));
    }

    public static void WriteHeader(JuteWriter writer, TxnHeader header)
    {
        writer.WriteLong(header.ClientId);
        writer.WriteInt(header.Cxid);
        writer.WriteLong(header.Zxid);
        writer.WriteLong(header.Time);
        writer.WriteInt((int)header.Type);
    }

    public static TxnHeader ReadHeader(ref JuteReader reader) =>
        new(reader.ReadLong(), reader.ReadInt(), reader.ReadLong(), reader.ReadLong(), (OpCode)reader.ReadInt());

    public static void WriteBody(JuteWriter writer, TxnBody body)
    {
        switch (body)
        {
            case CreateTxn c:
                writer.WriteString(c.Path);
                writer.WriteBuffer(c.Data);
                DataCodec.WriteAcls(writer, c.Acl);
                writer.WriteBool(c.Ephemeral);
                writer.WriteInt(c.ParentCVersion);
                break;
            case CreateContainerTxn c:
                writer.WriteString(c.Path);
                writer.WriteBuffer(c.Data);
                DataCodec.WriteAcls(writer, c.Acl);
                writer.WriteInt(c.ParentCVersion);
                break;
            case CreateTtlTxn c:
                writer.WriteString(c.Path);
                writer.WriteBuffer(c.Data);
                DataCodec.WriteAcls(writer, c.Acl);
                writer.WriteInt(c.ParentCVersion);
                writer.WriteLong(c.Ttl);
                break;
            case DeleteTxn d:
                writer.WriteString(d.Path);
                break;
            case SetDataTxn s:
                writer.WriteString(s.Path);
                writer.WriteBuffer(s.Data);
                writer.WriteInt(s.Version);
                break;
            case CheckVersionTxn c:
                writer.WriteString(c.Path);
                writer.WriteInt(c.Version);
                break;
            case SetAclTxn s:
                writer.WriteString(s.Path);
                DataCodec.WriteAcls(writer, s.Acl);
                writer.WriteInt(s.Version);
                break;
            case CreateSessionTxn s:
                writer.WriteInt(s.TimeOut);
                break;
            case CloseSessionTxn c:
                writer.WriteStrings(c.Paths2Delete);
                break;
            case ErrorTxn e:
                writer.WriteInt((int)e.Err);
                break;
            case MultiTxn m:
                writer.WriteInt(m.Txns.Count);
                foreach (var sub in m.Txns)
                {
                    writer.WriteInt((int)sub.Type);
                    var buffer = new ArrayBufferWriter<byte>();
                    WriteBody(new JuteWriter(buffer), sub.Body);
                    writer.WriteBuffer(buffer.WrittenSpan);
                }
                break;
            default:
                throw new ArgumentException($"unknown txn body {body.GetType().Name}", nameof(body));
        }
    }

    /// <summary>The record for a txn type, as SerializeUtils.deserializeTxn picks it; null for types without one.</summary>
    public static TxnBody? ReadBody(ref JuteReader reader, OpCode type)
    {
        switch (type)
        {
            case OpCode.Create:
            case OpCode.Create2:
                return new CreateTxn(ReadPath(ref reader), reader.ReadBuffer(), ReadAclList(ref reader), reader.ReadBool(), reader.ReadInt());
            case OpCode.CreateContainer:
                return new CreateContainerTxn(ReadPath(ref reader), reader.ReadBuffer(), ReadAclList(ref reader), reader.ReadInt());
            case OpCode.CreateTtl:
                return new CreateTtlTxn(ReadPath(ref reader), reader.ReadBuffer(), ReadAclList(ref reader), reader.ReadInt(), reader.ReadLong());
            case OpCode.Delete:
            case OpCode.DeleteContainer:
                return new DeleteTxn(ReadPath(ref reader));
            case OpCode.SetData:
            case OpCode.Reconfig:
                return new SetDataTxn(ReadPath(ref reader), reader.ReadBuffer(), reader.ReadInt());
            case OpCode.Check:
                return new CheckVersionTxn(ReadPath(ref reader), reader.ReadInt());
            case OpCode.SetAcl:
                return new SetAclTxn(ReadPath(ref reader), ReadAclList(ref reader), reader.ReadInt());
            case OpCode.CreateSession:
                return new CreateSessionTxn(reader.ReadInt());
            case OpCode.CloseSession:
                // Logs written with closeSessionTxn disabled carry no record.
                return reader.AtEnd ? null : new CloseSessionTxn(reader.ReadStrings() ?? []);
            case OpCode.Error:
                return new ErrorTxn((ErrorCode)reader.ReadInt());
            case OpCode.Multi:
                var count = reader.ReadVectorCount();
                var subs = new List<SubTxn>(Math.Max(count, 0));
                for (var i = 0; i < count; i++)
                {
                    var subType = (OpCode)reader.ReadInt();
                    var bytes = reader.ReadBuffer() ?? throw new JuteException("null sub-txn buffer");
                    var subReader = new JuteReader(bytes, reader.MaxFieldLength);
                    subs.Add(new SubTxn(subType, ReadBody(ref subReader, subType)
                        ?? throw new JuteException($"invalid sub-txn type {subType}")));
                }
                return new MultiTxn(subs);
            default:
                return null;
        }
    }

    private static string ReadPath(ref JuteReader reader) => reader.ReadString() ?? throw new JuteException("null path in txn");

    private static IReadOnlyList<Acl> ReadAclList(ref JuteReader reader) => DataCodec.ReadAcls(ref reader);
}
