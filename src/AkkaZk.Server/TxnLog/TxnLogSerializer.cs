using System.Buffers.Binary;
using System.IO.Compression;
using Akka.Actor;
using Akka.Configuration;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace AkkaZk.TxnLog;

/// <summary>
/// Compact big-endian (jute-style) encoding of the txn-log's journal events and snapshots; no JSON on the write
/// path. Snapshot data may be gzip-compressed (setting <c>snapshot-compression</c> under
/// <c>akka.actor.serialization-settings.akkazk-txnlog</c>); each snapshot records its own compression.
/// </summary>
public sealed class TxnLogSerializer : SerializerWithStringManifest
{
    public const int Id = 4201;
    internal const string TxnLoggedManifest = "L";
    internal const string TreeSnapshotManifest = "S";
    internal const string SnapshotRecordManifest = "R";

    private readonly SnapshotCompression _compression;

    public TxnLogSerializer(ExtendedActorSystem system) : this(system, SnapshotCompression.None)
    {
    }

    public TxnLogSerializer(ExtendedActorSystem system, Akka.Configuration.Config config)
        : this(system, ParseCompression(config.GetString("snapshot-compression", "none")))
    {
    }

    internal TxnLogSerializer(ExtendedActorSystem system, SnapshotCompression compression) : base(system)
    {
        _compression = compression;
    }

    public override int Identifier => Id;

    public static SnapshotCompression ParseCompression(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" or "off" or "" => SnapshotCompression.None,
        "gz" or "gzip" => SnapshotCompression.Gzip,
        _ => throw new ConfigurationException($"snapshot-compression must be 'none' or 'gz', not '{value}'"),
    };

    public override string Manifest(object o) => o switch
    {
        TxnLogged => TxnLoggedManifest,
        TreeSnapshot => TreeSnapshotManifest,
        SnapshotRecord => SnapshotRecordManifest,
        _ => throw new ArgumentException($"{nameof(TxnLogSerializer)} cannot serialize {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        TxnLogged e => EncodeTxn(e),
        TreeSnapshot s => EncodeSnapshot(s, [], _compression),
        SnapshotRecord r => EncodeSnapshot(r.Tree, r.Earlier, _compression),
        _ => throw new ArgumentException($"{nameof(TxnLogSerializer)} cannot serialize {obj.GetType()}"),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        TxnLoggedManifest => DecodeTxn(bytes),
        TreeSnapshotManifest => DecodeSnapshot(bytes).Tree,
        SnapshotRecordManifest => DecodeSnapshot(bytes),
        _ => throw new SerializationException($"{nameof(TxnLogSerializer)}: unknown manifest '{manifest}'"),
    };

    // zxid:long, txn:buffer(int length + bytes)
    internal static byte[] EncodeTxn(TxnLogged e)
    {
        var bytes = new byte[8 + 4 + e.Txn.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, e.Zxid);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), e.Txn.Length);
        e.Txn.CopyTo(bytes, 12);
        return bytes;
    }

    internal static TxnLogged DecodeTxn(byte[] bytes)
    {
        if (bytes.Length < 12)
            throw new SerializationException($"txn-log event too short: {bytes.Length} bytes");
        var zxid = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        if (length != bytes.Length - 12)
            throw new SerializationException($"txn-log event length {length} does not match its {bytes.Length - 12} bytes");
        return new TxnLogged(zxid, bytes.AsSpan(12).ToArray());
    }

    // compression:byte, lastZxid:long, earlierCount:int, (seqNr:long, zxid:long)*, data:rest (maybe gzip)
    internal static byte[] EncodeSnapshot(TreeSnapshot tree, IReadOnlyList<SnapshotMark> earlier, SnapshotCompression compression)
    {
        var header = 1 + 8 + 4 + (16 * earlier.Count);
        using var output = new MemoryStream(header + (compression == SnapshotCompression.None ? tree.Data.Length : (tree.Data.Length / 4) + 64));
        Span<byte> fixedPart = stackalloc byte[13];
        fixedPart[0] = (byte)compression;
        BinaryPrimitives.WriteInt64BigEndian(fixedPart[1..], tree.LastZxid);
        BinaryPrimitives.WriteInt32BigEndian(fixedPart[9..], earlier.Count);
        output.Write(fixedPart);
        Span<byte> mark = stackalloc byte[16];
        foreach (var m in earlier)
        {
            BinaryPrimitives.WriteInt64BigEndian(mark, m.SequenceNr);
            BinaryPrimitives.WriteInt64BigEndian(mark[8..], m.LastZxid);
            output.Write(mark);
        }
        if (compression == SnapshotCompression.Gzip)
        {
            using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
            gzip.Write(tree.Data);
        }
        else
        {
            output.Write(tree.Data);
        }
        return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
    }

    internal static SnapshotRecord DecodeSnapshot(byte[] bytes)
    {
        if (bytes.Length < 13)
            throw new SerializationException($"txn-log snapshot too short: {bytes.Length} bytes");
        var compression = (SnapshotCompression)bytes[0];
        var lastZxid = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(9));
        if (count < 0 || 13L + (16L * count) > bytes.Length)
            throw new SerializationException($"txn-log snapshot header claims {count} earlier snapshots in {bytes.Length} bytes");
        var earlier = new SnapshotMark[count];
        for (var i = 0; i < count; i++)
        {
            var at = 13 + (16 * i);
            earlier[i] = new SnapshotMark(
                BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(at)),
                BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(at + 8)));
        }
        var dataStart = 13 + (16 * count);
        var data = compression switch
        {
            SnapshotCompression.None => bytes.AsSpan(dataStart).ToArray(),
            SnapshotCompression.Gzip => Gunzip(bytes, dataStart),
            _ => throw new SerializationException($"txn-log snapshot has unknown compression {(byte)compression}"),
        };
        return new SnapshotRecord(new TreeSnapshot(lastZxid, data), earlier);
    }

    private static byte[] Gunzip(byte[] bytes, int offset)
    {
        using var input = new MemoryStream(bytes, offset, bytes.Length - offset, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
