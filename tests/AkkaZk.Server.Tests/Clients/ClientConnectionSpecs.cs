using System.Net;
using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkkaZk.Clients;
using AkkaZk.Data;
using AkkaZk.Data.Auth;
using AkkaZk.Database;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.QuorumPeer;
using AkkaZk.Sessions;
using Xunit;

namespace AkkaZk.Tests.Clients;

/// <summary>A real TCP client against the clients actor, with probes standing in for the data tree and session tracker.</summary>
public sealed class ClientConnectionSpecs : TestKit
{
    private static readonly byte[] Passwd = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private static readonly ClientsSettings Defaults = new() { ClientPortAddress = "127.0.0.1", ClientPort = 0 };

    private readonly TestProbe _parent;
    private readonly TestProbe _dataTree;
    private readonly TestProbe _sessions;
    private IActorRef _factory = ActorRefs.Nobody;

    public ClientConnectionSpecs()
    {
        _parent = CreateTestProbe("parent");
        _dataTree = CreateTestProbe("data-tree");
        _sessions = CreateTestProbe("sessions");
    }

    private async Task<IPEndPoint> StartAsync(ClientsSettings? settings = null)
    {
        var factory = _factory = _parent.ChildActorOf(
            ClientsProtocol.Props(settings ?? Defaults, _dataTree, _sessions, new TestWireCodec()), ActorNames.Clients);
        await _parent.ExpectMsgAsync(new QuorumPeerProtocol.Ready(ActorNames.Clients));
        var bound = await factory.Ask<ClientsProtocol.BoundEndpoint>(ClientsProtocol.GetEndpoint.Instance, TimeSpan.FromSeconds(3));
        return bound.Endpoint;
    }

    /// <summary>Connects and completes the handshake; returns the client and the ConnectResponse frame.</summary>
    private async Task<(TestClient Client, byte[] Response)> ConnectAsync(IPEndPoint server, long sessionId = 0x1234, bool? readOnly = null)
    {
        var client = await TestClient.ConnectAsync(server);
        await client.SendConnectAsync(readOnly: readOnly);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetLastZxid>();
        _dataTree.Reply(new DataTreeProtocol.LastZxid(0x10));
        var attach = await _sessions.ExpectMsgAsync<SessionsProtocol.Attach>();
        attach.Connection.Tell(new SessionsProtocol.Attached(sessionId, Passwd, 30000, true));
        var response = await client.ReadFrameAsync() ?? throw new InvalidOperationException("no ConnectResponse");
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.RegisterWatcher>();
        return (client, response);
    }

    private static GetDataResponse Data(string text) =>
        new(Encoding.UTF8.GetBytes(text), new Stat(1, 1, 0, 0, 0, 0, 0, 0, text.Length, 0, 1));

    [Fact]
    public async Task Connect_handshake_attaches_the_session_and_answers_without_the_read_only_byte()
    {
        var server = await StartAsync();
        var client = await TestClient.ConnectAsync(server);
        await client.SendConnectAsync(timeout: 12000, passwd: new byte[16]);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetLastZxid>();
        _dataTree.Reply(new DataTreeProtocol.LastZxid(5));
        var attach = await _sessions.ExpectMsgAsync<SessionsProtocol.Attach>();
        Assert.Equal(0, attach.SessionId);
        Assert.Equal(12000, attach.RequestedTimeoutMs);
        attach.Connection.Tell(new SessionsProtocol.Attached(0x1000000abcdL, Passwd, 12000, true));

        var frame = await client.ReadFrameAsync();
        Assert.NotNull(frame);
        Assert.Equal(36, frame.Length);
        var r = new JuteReader(frame);
        Assert.Equal(0, r.ReadInt());
        Assert.Equal(12000, r.ReadInt());
        Assert.Equal(0x1000000abcdL, r.ReadLong());
        Assert.Equal(Passwd, r.ReadBuffer());
        var register = await _dataTree.ExpectMsgAsync<DataTreeProtocol.RegisterWatcher>();
        Assert.Equal(attach.Connection, register.Connection);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Connect_handshake_echoes_the_read_only_byte_when_the_client_sent_it()
    {
        var server = await StartAsync();
        var (client, response) = await ConnectAsync(server, readOnly: true);
        Assert.Equal(37, response.Length);
        Assert.Equal(0, response[^1]); // a read-write server answers readOnly=false
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_has_seen_a_newer_zxid_is_refused()
    {
        var server = await StartAsync();
        await using var client = await TestClient.ConnectAsync(server);
        await client.SendConnectAsync(lastZxidSeen: 0x200);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetLastZxid>();
        _dataTree.Reply(new DataTreeProtocol.LastZxid(0x100));
        Assert.True(await client.IsClosedByServerAsync());
        await _sessions.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_rejected_session_gets_a_zeroed_response_then_the_connection_closes()
    {
        var server = await StartAsync();
        await using var client = await TestClient.ConnectAsync(server);
        await client.SendConnectAsync(sessionId: 0x77, passwd: Passwd);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetLastZxid>();
        _dataTree.Reply(new DataTreeProtocol.LastZxid(0));
        var attach = await _sessions.ExpectMsgAsync<SessionsProtocol.Attach>();
        Assert.Equal(0x77, attach.SessionId);
        attach.Connection.Tell(new SessionsProtocol.Rejected(0x77, "expired"));

        var frame = await client.ReadFrameAsync();
        // protocolVersion 0, timeOut 0, sessionId 0, then a 16-byte buffer of zeros: 36 bytes, as ZooKeeper sends it
        Assert.Equal([.. new byte[16], 0, 0, 0, 16, .. new byte[16]], frame);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task A_reconnect_the_session_tracker_will_not_serve_is_closed_without_any_answer()
    {
        var server = await StartAsync();
        await using var client = await TestClient.ConnectAsync(server);
        await client.SendConnectAsync(sessionId: 0x77, passwd: Passwd);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetLastZxid>();
        _dataTree.Reply(new DataTreeProtocol.LastZxid(0));
        var attach = await _sessions.ExpectMsgAsync<SessionsProtocol.Attach>();
        attach.Connection.Tell(new SessionsProtocol.NotServing(0x77, "this server is not serving clients"));

        // ZooKeeper's "ZooKeeperServer not running": no ConnectResponse, so the client tries another server and its session lives on
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task A_ping_is_answered_with_the_last_zxid()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendPingAsync();
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetLastZxid>();
        _dataTree.Reply(new DataTreeProtocol.LastZxid(0x42));
        Assert.Equal(new ReplyHeader(Xids.Ping, 0x42, ErrorCode.Ok), await client.ReadReplyHeaderAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Replies_go_out_in_request_order_and_a_ping_waits_for_earlier_replies()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendGetDataAsync(1, "/a");
        await client.SendGetDataAsync(2, "/b");
        await client.SendPingAsync();

        var first = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        var second = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        Assert.Equal((1, OpCode.GetData, "/a"), (first.Xid, first.Type, ((GetDataRequest)first.Request).Path));
        Assert.Equal(2, second.Xid);
        Assert.Contains(new Id("ip", "127.0.0.1"), first.Session.AuthInfo);
        Assert.Equal(0x1234, first.Session.SessionId);
        await _dataTree.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // the ping waits behind xid 1 and 2

        first.ReplyTo.Tell(new DataTreeProtocol.Reply(1, OpCode.GetData, 0x20, ErrorCode.Ok, Data("one")));
        second.ReplyTo.Tell(new DataTreeProtocol.Reply(2, OpCode.GetData, 0x21, ErrorCode.NoNode, null));
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetLastZxid>();
        _dataTree.Reply(new DataTreeProtocol.LastZxid(0x21));

        var reply1 = await client.ReadFrameAsync();
        Assert.Equal(new ReplyHeader(1, 0x20, ErrorCode.Ok), TestClient.ParseReplyHeader(reply1!));
        Assert.Equal(new ReplyHeader(2, 0x21, ErrorCode.NoNode), await client.ReadReplyHeaderAsync());
        Assert.Equal(new ReplyHeader(Xids.Ping, 0x21, ErrorCode.Ok), await client.ReadReplyHeaderAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_SessionMoved_answer_closes_the_connection_instead_of_being_sent()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendGetDataAsync(1, "/a");
        await client.SendGetDataAsync(2, "/b");
        var first = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        var second = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        first.ReplyTo.Tell(new DataTreeProtocol.Reply(1, OpCode.GetData, 0x20, ErrorCode.Ok, Data("one")));
        second.ReplyTo.Tell(new DataTreeProtocol.Reply(2, OpCode.GetData, 0x21, ErrorCode.SessionMoved, null));

        // FinalRequestProcessor's sendCloseSession: the earlier answer still goes out, then the connection closes
        Assert.Equal(1, (await client.ReadReplyHeaderAsync()).Xid);
        Assert.True(await client.IsClosedByServerAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_multi_with_an_op_that_failed_with_SessionMoved_closes_the_connection()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendGetDataAsync(1, "/a");
        var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        var results = new MultiResponse([new MultiResult(OpCode.Error, ErrorCode.SessionMoved, null)]);
        submit.ReplyTo.Tell(new DataTreeProtocol.Reply(1, OpCode.Multi, 0x20, ErrorCode.Ok, results));

        Assert.True(await client.IsClosedByServerAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_notification_is_written_before_later_replies()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendGetDataAsync(1, "/a", watch: true);
        var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        submit.ReplyTo.Tell(new DataTreeProtocol.Notify(new WatcherEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/w")));
        submit.ReplyTo.Tell(new DataTreeProtocol.Reply(1, OpCode.GetData, 0x30, ErrorCode.Ok, Data("x")));

        var notification = await client.ReadFrameAsync();
        var r = new JuteReader(notification);
        Assert.Equal((Xids.Notification, -1L, 0), (r.ReadInt(), r.ReadLong(), r.ReadInt()));
        Assert.Equal(((int)EventType.NodeDataChanged, (int)KeeperState.SyncConnected, "/w"), (r.ReadInt(), r.ReadInt(), r.ReadString()));
        Assert.Equal(1, (await client.ReadReplyHeaderAsync()).Xid);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_malformed_frame_closes_only_that_connection()
    {
        var server = await StartAsync();
        var (good, _) = await ConnectAsync(server, sessionId: 1);
        var (bad, _) = await ConnectAsync(server, sessionId: 2);

        // ZooKeeper reads an auth packet on the connection (a read's or a write's body in its request pipeline,
        // which answers MarshallingError instead): a malformed one closes the connection.
        await bad.SendFrameAsync(w =>
        {
            w.WriteInt(Xids.Auth);
            w.WriteInt((int)OpCode.Auth);
            w.WriteInt(0);
            w.WriteInt(1000); // a scheme length far beyond the frame
        });
        Assert.True(await bad.IsClosedByServerAsync());
        var detach = await _sessions.ExpectMsgAsync<SessionsProtocol.Detach>();
        Assert.Equal(2, detach.SessionId);

        await good.SendGetDataAsync(9, "/still-here");
        var submit = await _dataTree.FishForMessageAsync<DataTreeProtocol.Submit>(m => m is DataTreeProtocol.Submit);
        submit.ReplyTo.Tell(new DataTreeProtocol.Reply(9, OpCode.GetData, 1, ErrorCode.Ok, Data("ok")));
        Assert.Equal(9, (await good.ReadReplyHeaderAsync()).Xid);
        await good.DisposeAsync();
        await bad.DisposeAsync();
    }

    [Theory]
    [InlineData(1025)]
    [InlineData(-1)]
    public async Task A_frame_length_above_jute_maxbuffer_or_negative_closes_the_connection(int length)
    {
        var server = await StartAsync(Defaults with { MaxBuffer = 1024 });
        var (client, _) = await ConnectAsync(server);
        var header = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, length);
        await client.SendRawAsync(header);
        Assert.True(await client.IsClosedByServerAsync());
        await _dataTree.FishForMessageAsync(m => m is DataTreeProtocol.UnregisterWatcher);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_opcode_is_answered_with_unimplemented_then_the_connection_closes()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendHeaderOnlyAsync(7, 999);
        Assert.Equal(new ReplyHeader(7, -1, ErrorCode.Unimplemented), await client.ReadReplyHeaderAsync());
        Assert.True(await client.IsClosedByServerAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task CloseSession_is_submitted_answered_and_then_the_connection_closes()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendHeaderOnlyAsync(3, (int)OpCode.CloseSession);
        var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        Assert.Equal(OpCode.CloseSession, submit.Type);
        submit.ReplyTo.Tell(new DataTreeProtocol.Reply(3, OpCode.CloseSession, 0x50, ErrorCode.Ok, null));
        Assert.Equal(new ReplyHeader(3, 0x50, ErrorCode.Ok), await client.ReadReplyHeaderAsync());
        Assert.True(await client.IsClosedByServerAsync());
        Assert.Equal(0x1234, (await _sessions.ExpectMsgAsync<SessionsProtocol.Closed>()).SessionId);
        await _sessions.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // no Detach for a closed session
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_successful_addauth_adds_the_id_to_the_session_and_a_failed_one_closes()
    {
        var settings = Defaults with
        {
            Authenticate = (scheme, auth, _) =>
                scheme == "digest" && Encoding.UTF8.GetString(auth) == "bob:secret" ? [new Id("digest", "bob:hash")] : null,
        };
        var server = await StartAsync(settings);
        var (client, _) = await ConnectAsync(server);
        await client.SendAuthAsync("digest", "bob:secret");
        Assert.Equal(new ReplyHeader(Xids.Auth, 0, ErrorCode.Ok), await client.ReadReplyHeaderAsync());
        await client.SendGetDataAsync(1, "/secret");
        var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        // both ids, in ZooKeeper's ConcurrentHashMap order (AuthInfoOrder), not in the order they were added
        Assert.Equal(AuthInfoOrder.With([new Id("ip", "127.0.0.1")], [new Id("digest", "bob:hash")]), submit.Session.AuthInfo);
        Assert.Equal(2, submit.Session.AuthInfo.Count);
        submit.ReplyTo.Tell(new DataTreeProtocol.Reply(1, OpCode.GetData, 1, ErrorCode.NoAuth, null));
        Assert.Equal(ErrorCode.NoAuth, (await client.ReadReplyHeaderAsync()).Err);

        await client.SendAuthAsync("digest", "bob:wrong");
        Assert.Equal(new ReplyHeader(Xids.Auth, 0, ErrorCode.AuthFailed), await client.ReadReplyHeaderAsync());
        Assert.True(await client.IsClosedByServerAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task An_ended_session_closes_its_connection_and_stopping_unregisters_and_detaches()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.SendGetDataAsync(1, "/x");
        var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        submit.ReplyTo.Tell(new SessionsProtocol.SessionClosed(0x1234));
        Assert.True(await client.IsClosedByServerAsync());
        Assert.Equal(submit.WatcherId, (await _dataTree.ExpectMsgAsync<DataTreeProtocol.UnregisterWatcher>()).WatcherId);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_disconnects_is_detached_from_its_session()
    {
        var server = await StartAsync();
        var (client, _) = await ConnectAsync(server);
        await client.DisposeAsync();
        var detach = await _sessions.ExpectMsgAsync<SessionsProtocol.Detach>();
        Assert.Equal(0x1234, detach.SessionId);
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.UnregisterWatcher>();
    }

    [Fact]
    public async Task Connections_over_max_client_cnxns_from_one_ip_are_closed_at_once()
    {
        var server = await StartAsync(Defaults with { MaxClientCnxns = 2 });
        var (first, _) = await ConnectAsync(server, sessionId: 1);
        var (second, _) = await ConnectAsync(server, sessionId: 2);
        await using var third = await TestClient.ConnectAsync(server);
        Assert.True(await third.IsClosedByServerAsync());

        await first.DisposeAsync();
        await _sessions.ExpectMsgAsync<SessionsProtocol.Detach>();
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.UnregisterWatcher>();
        await AwaitAssertAsync(async () =>
        {
            var live = await _factory.Ask<ClientsProtocol.Connections>(ClientsProtocol.GetConnections.Instance);
            Assert.Single(live.Snapshot);
        });
        var (fourth, _) = await ConnectAsync(server, sessionId: 4); // a slot is free again
        await second.DisposeAsync();
        await fourth.DisposeAsync();
    }

    [Fact]
    public async Task The_read_loop_stops_at_the_outstanding_limit_until_replies_flow()
    {
        var server = await StartAsync(Defaults with { GlobalOutstandingLimit = 3 });
        var (client, _) = await ConnectAsync(server);
        for (var xid = 1; xid <= 10; xid++)
            await client.SendGetDataAsync(xid, "/n");

        var submits = new List<DataTreeProtocol.Submit>();
        for (var i = 0; i < 3; i++)
            submits.Add(await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>());
        await _dataTree.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        submits[0].ReplyTo.Tell(new DataTreeProtocol.Reply(1, OpCode.GetData, 1, ErrorCode.Ok, Data("1")));
        Assert.Equal(1, (await client.ReadReplyHeaderAsync()).Xid);
        Assert.Equal(4, (await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>()).Xid);
        await _dataTree.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Ruok_is_answered_imok_and_the_connection_closes()
    {
        var server = await StartAsync(Defaults with { FourLetterWordWhitelist = new HashSet<string> { "*" } });
        await using var client = await TestClient.ConnectAsync(server);
        await client.SendRawAsync("ruok"u8.ToArray());
        Assert.Equal("imok", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task A_four_letter_word_outside_the_whitelist_is_not_executed()
    {
        var server = await StartAsync(); // ZooKeeper's default whitelist: srvr only
        await using var client = await TestClient.ConnectAsync(server);
        await client.SendRawAsync("ruok"u8.ToArray());
        Assert.Equal("ruok is not executed because it is not in the whitelist.\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Srvr_shows_the_data_tree_figures_and_the_connection_count()
    {
        var server = await StartAsync();
        var (session, _) = await ConnectAsync(server);
        await using var client = await TestClient.ConnectAsync(server);
        await client.SendRawAsync("srvr"u8.ToArray());
        await _dataTree.ExpectMsgAsync<DataTreeProtocol.GetStats>();
        _dataTree.Reply(new DataTreeProtocol.Stats(0x1f, 7, 51, 1, 1, 1, 1, 0, new Dictionary<long, int> { [0x1234] = 30000 }));
        var lines = (await client.ReadToEndAsync()).Split('\n');
        Assert.Equal("Zookeeper version: " + ClientsSettings.DefaultVersion, lines[0]);
        Assert.Contains("Connections: 2", lines);
        Assert.Contains("Zxid: 0x1f", lines);
        Assert.Contains("Mode: standalone", lines);
        Assert.Contains("Node count: 7", lines);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task A_client_port_in_use_is_reported_to_the_parent()
    {
        var server = await StartAsync();
        var second = CreateTestProbe();
        second.ChildActorOf(ClientsProtocol.Props(Defaults with { ClientPort = server.Port }, _dataTree, _sessions, new TestWireCodec()), "clients-2");
        var failed = await second.ExpectMsgAsync<QuorumPeerProtocol.StartFailed>();
        Assert.Equal(ActorNames.Clients, failed.Child);
        Assert.Equal($"client port 127.0.0.1:{server.Port} is in use", failed.Reason);
    }

    [Fact]
    public async Task The_session_is_touched_at_most_every_half_tick()
    {
        var server = await StartAsync(Defaults with { TickTime = 600 });
        var (client, _) = await ConnectAsync(server);
        await client.SendGetDataAsync(1, "/a"); // right after the attach: no touch needed yet
        var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
        submit.ReplyTo.Tell(new DataTreeProtocol.Reply(1, OpCode.GetData, 1, ErrorCode.Ok, Data("a")));
        await client.ReadReplyHeaderAsync();
        await _sessions.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(350));

        await client.SendGetDataAsync(2, "/a"); // more than tickTime/2 later
        await client.SendGetDataAsync(3, "/a"); // right behind it: covered by the same touch
        Assert.Equal(0x1234, (await _sessions.ExpectMsgAsync<SessionsProtocol.Touch>()).SessionId);
        await _sessions.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_does_not_read_its_replies_does_not_stall_other_sessions()
    {
        var server = await StartAsync();
        var (slow, _) = await ConnectAsync(server, sessionId: 1);
        var (fast, _) = await ConnectAsync(server, sessionId: 2);
        var big = new GetDataResponse(new byte[512 * 1024], default);
        for (var xid = 1; xid <= 40; xid++)
            await slow.SendGetDataAsync(xid, "/big");
        for (var i = 0; i < 40; i++)
        {
            var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
            submit.ReplyTo.Tell(new DataTreeProtocol.Reply(submit.Xid, OpCode.GetData, 1, ErrorCode.Ok, big)); // 20 MB nobody reads
        }

        for (var xid = 1; xid <= 5; xid++)
        {
            await fast.SendGetDataAsync(xid, "/small");
            var submit = await _dataTree.ExpectMsgAsync<DataTreeProtocol.Submit>();
            Assert.Equal(2, submit.Session.SessionId);
            submit.ReplyTo.Tell(new DataTreeProtocol.Reply(xid, OpCode.GetData, 1, ErrorCode.Ok, Data("s")));
            Assert.Equal(xid, (await fast.ReadReplyHeaderAsync()).Xid);
        }
        await slow.DisposeAsync();
        await fast.DisposeAsync();
    }

    [Fact]
    public async Task A_connection_that_never_sends_a_connect_request_is_closed_after_the_sessionless_timeout()
    {
        var server = await StartAsync(Defaults with { SessionlessConnectionTimeoutMs = 300 });
        await using var client = await TestClient.ConnectAsync(server);
        Assert.True(await client.IsClosedByServerAsync());
    }
}
