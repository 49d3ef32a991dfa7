using Akka.Actor;
using Akka.Configuration;
using AkkaZk.TxnLog;
using Xunit;

namespace AkkaZk.Tests.TxnLog;

public sealed class TxnLogSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    public TxnLogSerializerTests()
        : base(ConfigurationFactory.ParseString("akka.actor.serialization-settings.akkazk-txnlog.snapshot-compression = gz")
            .WithFallback(TxnLogSettings.DefaultConfig()))
    {
    }

    private T RoundTrip<T>(T value)
    {
        var serializer = Sys.Serialization.FindSerializerFor(value!);
        Assert.IsType<TxnLogSerializer>(serializer);
        var bytes = serializer.ToBinary(value!);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, value!);
        return (T)Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }

    [Fact]
    public void A_journal_event_round_trips_through_the_bound_serializer()
    {
        var txn = new TxnLogged(0x0000_0003_0000_0010L, [1, 2, 3, 0, 255]);
        var back = RoundTrip(txn);
        Assert.Equal(txn.Zxid, back.Zxid);
        Assert.Equal(txn.Txn, back.Txn);
    }

    [Fact]
    public void A_journal_event_is_the_zxid_then_a_jute_buffer()
    {
        var bytes = TxnLogSerializer.EncodeTxn(new TxnLogged(0x0102030405060708L, [0xAA, 0xBB]));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 2, 0xAA, 0xBB }, bytes);
    }

    [Fact]
    public void A_tree_snapshot_round_trips_through_the_bound_serializer_with_gzip()
    {
        var data = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("/a/b/c ", 5000)));
        var snapshot = new TreeSnapshot(0x500000007L, data);
        var serializer = Sys.Serialization.FindSerializerFor(snapshot);
        Assert.True(serializer.ToBinary(snapshot).Length < data.Length / 4);
        var back = RoundTrip(snapshot);
        Assert.Equal(snapshot.LastZxid, back.LastZxid);
        Assert.Equal(data, back.Data);
    }

    [Fact]
    public void A_stored_snapshot_keeps_the_marks_of_the_older_snapshots()
    {
        var record = new SnapshotRecord(new TreeSnapshot(9, [7, 7]), [new SnapshotMark(3, 4), new SnapshotMark(6, 8)]);
        var back = RoundTrip(record);
        Assert.Equal(record.Tree.LastZxid, back.Tree.LastZxid);
        Assert.Equal(record.Tree.Data, back.Tree.Data);
        Assert.Equal(record.Earlier, back.Earlier);
    }

    [Fact]
    public void An_uncompressed_snapshot_written_earlier_still_reads_when_gzip_is_configured()
    {
        var bytes = TxnLogSerializer.EncodeSnapshot(new TreeSnapshot(5, [1, 2, 3]), [], SnapshotCompression.None);
        var serializer = (TxnLogSerializer)Sys.Serialization.FindSerializerForType(typeof(TreeSnapshot));
        var back = (TreeSnapshot)serializer.FromBinary(bytes, "S");
        Assert.Equal(new byte[] { 1, 2, 3 }, back.Data);
    }

    [Fact]
    public void A_truncated_event_is_refused_rather_than_misread()
    {
        var bytes = TxnLogSerializer.EncodeTxn(new TxnLogged(1, [1, 2, 3]));
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => TxnLogSerializer.DecodeTxn(bytes[..^1]));
    }
}
