using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using AkkaZk.Election;
using AkkaZk.Zab;
using Xunit;

namespace AkkaZk.Tests.Zab;

public sealed class PeerMessageSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Ensemble = "1=127.0.0.1:2888:3888:participant,2=127.0.0.1:2889:3889:observer";

    public PeerMessageSerializerTests()
        : base(ConfigurationFactory.ParseString("akka.actor.serialize-messages = on").WithFallback(PeerSerializationHocon.Config))
    {
    }

    /// <summary>One of every message, with the edge values each field sees: min/max longs, empty and large arrays.</summary>
    public static TheoryData<string, IPeerMessage> EveryMessage()
    {
        var megabyte = new byte[1 << 20];
        new Random(42).NextBytes(megabyte);
        return new TheoryData<string, IPeerMessage>
        {
            { "n", new ElectionNotification(new Vote(3, 0x0000_0005_0000_0010L, 7, 5, ServerState.Looking, 2), Ensemble, 123456789) },
            { "n", new ElectionNotification(new Vote(long.MaxValue, long.MinValue, 0, -1, ServerState.Observing, long.MaxValue), "", int.MinValue) },
            { "li", new LearnerInfo(2, 5, 0x0000_0005_0000_0010L, false, Ensemble) },
            { "li", new LearnerInfo(4, -1, long.MinValue, true, "ünïcødé 𝄞 ensemble") },
            { "ld", new LeaderInfo(0x7fff_ffffL) },
            { "ae", new AckEpoch(2, -1, long.MinValue) },
            { "df", new SyncDiff(long.MinValue) },
            { "sn", new SnapshotChunk(0x0000_0005_0000_0010L, 0, false, []) },
            { "sn", new SnapshotChunk(long.MaxValue, int.MaxValue, true, megabyte) },
            { "p", new Proposal(0x0000_0005_0000_0011L, [1, 2, 3, 0, 255]) },
            { "p", new Proposal(0, megabyte) },
            { "c", new Commit(long.MaxValue) },
            { "i", new Inform(long.MinValue, []) },
            { "nl", new NewLeader(6, 0x0000_0006_0000_0000L) },
            { "a", new Ack(1, long.MinValue) },
            { "u", new UpToDate(6) },
            { "pg", new Ping(3, []) },
            { "pg", new Ping(3, [long.MinValue, 0, 0x0100_0000_0000_0001L, long.MaxValue]) },
            { "fr", new ForwardedRequest(2, 0x0100_0000_0000_0001L, 17, 1, [0, 0, 0, 2, (byte)'/', (byte)'a'], ["digest:bob:6Ws0NF/2vSX4ZVcpAK3AVzkmDr8=", "ip:127.0.0.1", "x509:CN=a:b,O=c"]) },
            { "fr", new ForwardedRequest(2, -1, int.MinValue, int.MaxValue, [], []) },
            { "fc", new ForwardedCreateSession(2, 0x0200_0000_0000_0000L, 30000) },
            { "sr", new SyncRequest(3, long.MaxValue) },
            { "sd", new SyncDone(long.MaxValue, long.MinValue) },
            { "rv", new Revalidate(2, 0x0100_0000_0000_0001L, 30000) },
            { "rv", new Revalidate(long.MinValue, long.MaxValue, int.MinValue) },
            { "ra", new RevalidateAnswer(0x0100_0000_0000_0001L, true) },
            { "ra", new RevalidateAnswer(long.MinValue, false) },
            { "q", new PeerStateQuery(2) },
            { "x", new LeaderStopped(7) },
            { "r", new PeerStateReport(3, ServerState.Leading, 3, 7, 0x0000_0007_0000_0002L) },
            { "r", new PeerStateReport(long.MinValue, ServerState.Looking, -1, -1, long.MaxValue) },
            { "b", new PeerBatch([]) },
            {
                "b", new PeerBatch([
                    new Proposal(0x0000_0005_0000_0011L, [1, 2, 3]), new Commit(0x0000_0005_0000_0010L), new Ack(2, long.MaxValue),
                    new ForwardedRequest(2, 0x0100_0000_0000_0001L, 17, 1, [0, 0, 0, 2, (byte)'/', (byte)'a'], ["ip:127.0.0.1"]),
                    new Ping(3, [0x0100_0000_0000_0001L]), new ElectionNotification(new Vote(3, 4, 5, 6, ServerState.Following, 2), Ensemble, -1),
                    new Proposal(0x0000_0005_0000_0012L, megabyte),
                ])
            },
        };
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_peer_message_round_trips_through_the_serializer_its_binding_picks(string manifest, IPeerMessage message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<PeerMessageSerializer>(serializer);
        Assert.Equal(PeerMessageSerializer.Id, serializer.Identifier);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        var back = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        Assert.IsType(message.GetType(), back);
        AssertSameFields(message, back);
    }

    [Fact]
    public void Each_message_type_has_its_own_manifest()
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        var byType = EveryMessage().Select(row => (IPeerMessage)row[1])
            .DistinctBy(m => m.GetType())
            .ToDictionary(m => m.GetType(), serializer.Manifest);
        var peerMessageTypes = typeof(IPeerMessage).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IPeerMessage).IsAssignableFrom(t));

        Assert.Equal(peerMessageTypes.OrderBy(t => t.Name), byType.Keys.OrderBy(t => t.Name));
        Assert.Equal(byType.Count, byType.Values.Distinct().Count());
    }

    [Fact]
    public async Task A_peer_message_sent_between_actors_survives_serialize_messages()
    {
        var ping = new Ping(2, [0x0100_0000_0000_0001L]);
        TestActor.Tell(ping);
        var received = await ExpectMsgAsync<Ping>();
        Assert.NotSame(ping, received);
        Assert.Equal(ping.TouchedSessions, received.TouchedSessions);
    }

    [Fact]
    public void A_proposal_costs_little_more_than_its_txn()
    {
        var proposal = new Proposal(0x0000_0005_0000_0011L, new byte[100]);
        var bytes = Sys.Serialization.FindSerializerFor(proposal).ToBinary(proposal);
        Assert.Equal(8 + 4 + 100, bytes.Length);
    }

    [Fact]
    public void An_election_notification_is_the_vote_then_the_ensemble_then_the_incarnation_in_jute_layout()
    {
        var notification = new ElectionNotification(new Vote(1, 2, 3, 4, ServerState.Leading, 5), "e", 0x01020304);
        var bytes = Sys.Serialization.FindSerializerFor(notification).ToBinary(notification);
        byte[] expected =
        [
            0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4,
            (byte)ServerState.Leading, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 1, (byte)'e', 1, 2, 3, 4,
        ];
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_truncation_of_a_message_is_refused(string manifest, IPeerMessage message)
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        var bytes = serializer.ToBinary(message);
        // All short cuts for small messages; for the megabyte ones the cuts around each field boundary.
        var cuts = bytes.Length <= 512
            ? Enumerable.Range(0, bytes.Length)
            : Enumerable.Range(0, 64).Concat([bytes.Length / 2, bytes.Length - 1]);
        foreach (var cut in cuts)
        {
            var error = Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..cut], manifest));
            Assert.Contains(nameof(PeerMessageSerializer), error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Stray_bytes_after_a_message_are_refused(string manifest, IPeerMessage message)
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        byte[] bytes = [.. serializer.ToBinary(message), 0];
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, manifest));
        Assert.Contains("stray", error.Message);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_by_name()
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([0, 0, 0, 0, 0, 0, 0, 1], "zz"));
        Assert.Contains("'zz'", error.Message);
    }

    [Theory]
    [InlineData("p", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff, 1, 2 })] // txn length beyond the bytes
    [InlineData("p", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff })] // null txn
    [InlineData("pg", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0 })] // 2^31 sessions
    [InlineData("pg", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0x80, 0, 0, 0 })] // negative count
    [InlineData("fr", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff })] // null auth
    [InlineData("sn", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0 })] // bool byte 2
    [InlineData("ra", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 2 })] // valid byte 2
    [InlineData("n", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4, 9, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0 })] // state 9
    public void Garbage_lengths_counts_and_flags_are_refused(string manifest, byte[] bytes)
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, manifest));
    }

    [Fact]
    public void Random_garbage_never_decodes_to_a_message_silently_or_throws_anything_else()
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        var manifests = EveryMessage().Select(row => (string)row[0]).Distinct().ToArray();
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(0, 80)];
            random.NextBytes(garbage);
            var manifest = manifests[i % manifests.Length];
            try
            {
                var message = (IPeerMessage)serializer.FromBinary(garbage, manifest);
                // Some byte strings are valid messages; then they must encode back to exactly those bytes.
                Assert.Equal(garbage, serializer.ToBinary(message));
            }
            catch (SerializationException)
            {
            }
        }
    }

    [Fact]
    public void A_null_array_is_refused_when_sending_rather_than_when_receiving()
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        var error = Assert.Throws<SerializationException>(() => serializer.ToBinary(new Proposal(1, null!)));
        Assert.Contains("Txn", error.Message);
    }

    [Fact]
    public void A_batch_inside_a_batch_is_refused_when_sending_and_when_receiving()
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        Assert.Throws<ArgumentException>(() => serializer.ToBinary(new PeerBatch([new PeerBatch([new Commit(1)])])));

        var inner = serializer.ToBinary(new PeerBatch([new Commit(1)]));
        byte[] nested = [0, 0, 0, 1, 0, 0, 0, 1, (byte)'b', .. inner];
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary(nested, "b"));
        Assert.Contains("nest", error.Message);
    }

    public static TheoryData<string, IPeerMessage> EveryMessageButBatches()
    {
        var data = new TheoryData<string, IPeerMessage>();
        foreach (var row in EveryMessage().Where(row => row[1] is not PeerBatch))
            data.Add((string)row[0], (IPeerMessage)row[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMessageButBatches))]
    public void A_message_adds_its_batched_size_to_a_batch(string manifest, IPeerMessage message)
    {
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        var alone = serializer.ToBinary(new PeerBatch([message])).Length;
        Assert.Equal(4 + 4 + manifest.Length + serializer.ToBinary(message).Length, alone);
        Assert.Equal(alone - 4, PeerMessageSerializer.BatchedSize(message));
    }

    private static void AssertSameFields(IPeerMessage expected, object actual)
    {
        foreach (var property in expected.GetType().GetProperties().Where(p => p.Name != "EqualityContract"))
        {
            var want = property.GetValue(expected);
            var got = property.GetValue(actual);
            switch (want)
            {
                case byte[] bytes:
                    Assert.True(bytes.AsSpan().SequenceEqual((byte[])got!), $"{property.Name} differs");
                    break;
                case long[] longs:
                    Assert.Equal(longs, (long[])got!);
                    break;
                case string[] texts:
                    Assert.Equal(texts, (string[])got!);
                    break;
                case IPeerMessage[] batched:
                    var gotBatched = (IPeerMessage[])got!;
                    Assert.Equal(batched.Select(m => m.GetType()), gotBatched.Select(m => m.GetType()));
                    foreach (var (want1, got1) in batched.Zip(gotBatched))
                        AssertSameFields(want1, got1);
                    break;
                default:
                    Assert.Equal(want, got); // scalars, strings and the Vote record
                    break;
            }
        }
    }
}
