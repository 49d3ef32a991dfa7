using System.Buffers;
using AkkaZk.Data.Txns;
using AkkaZk.Jute;

namespace AkkaZk.Database;

/// <summary>A txn as the bytes the txn log journals (jute, as ZooKeeper's log entries).</summary>
public static class TxnBytes
{
    public static byte[] Encode(Txn txn)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        TxnCodec.Write(new JuteWriter(buffer), txn);
        return buffer.WrittenSpan.ToArray();
    }

    public static Txn Decode(byte[] bytes)
    {
        var reader = new JuteReader(bytes, int.MaxValue);
        return TxnCodec.Read(ref reader);
    }
}
