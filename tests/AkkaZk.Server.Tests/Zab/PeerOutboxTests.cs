using Akka.Actor;
using Akka.Configuration;
using AkkaZk.Zab;
using Xunit;

namespace AkkaZk.Tests.Zab;

/// <summary>
/// A <see cref="PeerOutbox"/> owned by an actor that sends its peer (the test actor) what it is told to: the
/// messages of one turn leave as one batch, in order, and with serialize-messages on each batch also crosses the
/// peer serializer as Akka.Remote would send it.
/// </summary>
public sealed class PeerOutboxTests : Akka.TestKit.Xunit2.TestKit
{
    public PeerOutboxTests()
        : base(ConfigurationFactory.ParseString("akka.actor.serialize-messages = on").WithFallback(PeerSerializationHocon.Config))
    {
    }

    private sealed record SendAll(IPeerMessage[] Messages);

    private sealed record SendNowAfter(IPeerMessage[] Pending, IPeerMessage Now);

    private sealed class Owner : ReceiveActor
    {
        public Owner(IActorRef peer)
        {
            var outbox = new PeerOutbox(peer, Self);
            Receive<SendAll>(all =>
            {
                foreach (var message in all.Messages)
                    outbox.Send(message);
            });
            Receive<SendNowAfter>(m =>
            {
                foreach (var message in m.Pending)
                    outbox.Send(message);
                outbox.SendNow(m.Now);
                peer.Tell("after SendNow"); // sent before the turn ends: a FlushPeers would come only after it
            });
            Receive<FlushPeers>(_ => outbox.Flush());
        }
    }

    private static IPeerMessage[] Proposals(int count, int txnBytes, long firstZxid = 1) =>
        Enumerable.Range(0, count).Select(i => (IPeerMessage)new Proposal(firstZxid + i, new byte[txnBytes])).ToArray();

    [Fact]
    public async Task Messages_sent_in_one_turn_arrive_as_one_batch_in_order_and_a_lone_message_arrives_as_itself()
    {
        var owner = Sys.ActorOf(Props.Create(() => new Owner(TestActor)));

        owner.Tell(new SendAll([.. Proposals(3, 10), new Commit(2), new Ack(1, 3)]));
        var batch = await ExpectMsgAsync<PeerBatch>();
        Assert.Equal(owner, LastSender);
        Assert.Equal(["Proposal 1", "Proposal 2", "Proposal 3", "Commit 2", "Ack 3"], batch.Messages.Select(Describe));

        owner.Tell(new SendAll([new Commit(3)]));
        var alone = await ExpectMsgAsync<Commit>();
        Assert.Equal(3, alone.Zxid);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_message_sent_now_leaves_at_once_with_the_pending_messages_before_it()
    {
        var owner = Sys.ActorOf(Props.Create(() => new Owner(TestActor)));

        owner.Tell(new SendNowAfter(Proposals(2, 10), new Commit(2)));

        var batch = await ExpectMsgAsync<PeerBatch>();
        Assert.Equal(["Proposal 1", "Proposal 2", "Commit 2"], batch.Messages.Select(Describe));
        await ExpectMsgAsync("after SendNow");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_turn_larger_than_one_batch_is_split_into_batches_under_the_size_limit_keeping_the_order()
    {
        var owner = Sys.ActorOf(Props.Create(() => new Owner(TestActor)));
        var serializer = new PeerMessageSerializer((ExtendedActorSystem)Sys);
        var sent = Proposals(300, 1000);

        owner.Tell(new SendAll(sent));
        var received = new List<IPeerMessage>();
        while (received.Count < sent.Length)
        {
            var message = await ExpectMsgAsync<IPeerMessage>();
            if (message is PeerBatch batch)
            {
                Assert.True(serializer.ToBinary(batch).Length <= PeerOutbox.MaxBatchBytes);
                received.AddRange(batch.Messages);
            }
            else
            {
                received.Add(message);
            }
        }

        Assert.Equal(sent.Select(Describe), received.Select(Describe));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_message_larger_than_a_batch_goes_alone_after_what_was_pending()
    {
        var owner = Sys.ActorOf(Props.Create(() => new Owner(TestActor)));
        var chunk = new SnapshotChunk(9, 0, true, new byte[PeerOutbox.MaxBatchBytes + 1]);

        owner.Tell(new SendAll([.. Proposals(2, 10), chunk, new Commit(2)]));

        Assert.Equal(["Proposal 1", "Proposal 2"], (await ExpectMsgAsync<PeerBatch>()).Messages.Select(Describe));
        Assert.Equal(chunk.Data.Length, (await ExpectMsgAsync<SnapshotChunk>()).Data.Length);
        Assert.Equal(2, (await ExpectMsgAsync<Commit>()).Zxid);
    }

    private static string Describe(IPeerMessage message) => message switch
    {
        Proposal p => $"Proposal {p.Zxid}",
        Commit c => $"Commit {c.Zxid}",
        Ack a => $"Ack {a.Zxid}",
        _ => message.GetType().Name,
    };
}
