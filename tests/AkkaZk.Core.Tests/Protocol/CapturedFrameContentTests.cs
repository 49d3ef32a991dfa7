using AkkaZk.Data;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Protocol;

/// <summary>
/// Decoded captured frames carry what CaptureClient.java asked ZooKeeper for (tests/tools/zk-capture), so the codec
/// reads the right fields, not merely the right number of bytes.
/// </summary>
public sealed class CapturedFrameContentTests
{
    private static CapturedFrame Handshake(bool fromClient, int connection) =>
        CapturedFrames.All.Single(f => f.IsHandshake && f.FromClient == fromClient && f.Connection == connection);

    private static IEnumerable<ZkRequest> Requests(OpCode opCode) =>
        CapturedFrames.Where(fromClient: true, opCode).Select(f => Wire.DecodeRequest(f.Body).Body!);

    private static IEnumerable<(ReplyHeader Header, ZkResponse? Body)> Replies(OpCode opCode) =>
        CapturedFrames.Where(fromClient: false, opCode).Select(f =>
        {
            var reader = new JuteReader(f.Body);
            return ResponseCodec.Read(opCode, ref reader);
        });

    private static ConnectRequest ConnectRequestOf(int connection)
    {
        var reader = new JuteReader(Handshake(fromClient: true, connection).Body);
        return ConnectCodec.ReadConnectRequest(ref reader);
    }

    private static ConnectResponse ConnectResponseOf(int connection)
    {
        var reader = new JuteReader(Handshake(fromClient: false, connection).Body);
        return ConnectCodec.ReadConnectResponse(ref reader);
    }

    [Fact]
    public void Java_client_connect_request_carries_a_false_readOnly_byte_and_sixteen_zero_password_bytes()
    {
        var connect = ConnectRequestOf(1);

        Assert.Equal(45, Handshake(fromClient: true, 1).Body.Length);
        Assert.Equal(new ConnectRequest(0, 0, 4000, 0, connect.Passwd, false), connect);
        Assert.Equal(new byte[16], connect.Passwd);
        var response = ConnectResponseOf(1);
        Assert.Equal(4000, response.TimeOut);
        Assert.Equal(16, response.Passwd.Length);
        Assert.False(response.ReadOnly);
    }

    [Fact]
    public void Old_client_without_readOnly_byte_gets_a_36_byte_response_without_it()
    {
        var oldClient = CapturedFrames.All.First(f => f.IsHandshake && f.FromClient && f.Body.Length == 44);

        Assert.Null(ConnectRequestOf(oldClient.Connection).ReadOnly);
        Assert.Equal(36, Handshake(fromClient: false, oldClient.Connection).Body.Length);
        Assert.Null(ConnectResponseOf(oldClient.Connection).ReadOnly);
    }

    [Fact]
    public void Read_only_capable_client_sends_readOnly_true()
    {
        Assert.Contains(CapturedFrames.All.Where(f => f.IsHandshake && f.FromClient), f => ConnectRequestOf(f.Connection).ReadOnly == true);
    }

    [Fact]
    public void Reconnect_carries_the_session_id_and_password_the_server_handed_out()
    {
        var first = ConnectResponseOf(1);
        var reconnect = ConnectRequestOf(2);

        Assert.Equal(first.SessionId, reconnect.SessionId);
        Assert.Equal(first.Passwd, reconnect.Passwd);
    }

    [Fact]
    public void CreateTtl_requests_carry_mode_and_ttl()
    {
        var creates = Requests(OpCode.CreateTtl).Cast<CreateRequest>().ToList();

        Assert.Equal([(CreateMode.PersistentWithTtl, 60000L), (CreateMode.PersistentSequentialWithTtl, 120000L)],
            creates.Select(c => (c.Flags, c.Ttl)));
    }

    [Fact]
    public void Null_data_survives_as_the_null_buffer_in_create_and_getData()
    {
        var create = Requests(OpCode.Create).Cast<CreateRequest>().Single(c => c.Path == "/cap/null");
        var getData = Replies(OpCode.GetData).Select(r => r.Body).OfType<GetDataResponse>().Where(r => JuteBuffers.IsNull(r.Data));

        Assert.True(JuteBuffers.IsNull(create.Data));
        Assert.Single(getData);
    }

    [Fact]
    public void SetAcl_with_a_digest_id_decodes_both_entries()
    {
        var setAcl = Requests(OpCode.SetAcl).Cast<SetAclRequest>().First();

        Assert.Equal("/cap/d", setAcl.Path);
        Assert.Equal(-1, setAcl.Version);
        Assert.Equal(2, setAcl.Acl.Count);
        Assert.Equal(Perms.All, setAcl.Acl[0].Perms);
        Assert.Equal("digest", setAcl.Acl[0].Id.Scheme);
        Assert.StartsWith("alice:", setAcl.Acl[0].Id.Ident, StringComparison.Ordinal);
        Assert.Equal(new Acl(Perms.Read, Id.Anyone), setAcl.Acl[1]);
    }

    [Fact]
    public void Failed_multi_reports_ok_then_the_failing_code_then_runtime_inconsistency_under_a_zero_header_err()
    {
        var (header, body) = Replies(OpCode.Multi).Single(r => r.Body is MultiResponse m && m.Results.Any(x => x.Type == OpCode.Error));
        var results = ((MultiResponse)body!).Results;

        Assert.Equal(ErrorCode.Ok, header.Err);
        Assert.Equal(
            [
                new MultiResult(OpCode.Error, ErrorCode.Ok, new ErrorResponse(ErrorCode.Ok)),
                new MultiResult(OpCode.Error, ErrorCode.NoNode, new ErrorResponse(ErrorCode.NoNode)),
                new MultiResult(OpCode.Error, ErrorCode.RuntimeInconsistency, new ErrorResponse(ErrorCode.RuntimeInconsistency)),
            ],
            results);
    }

    [Fact]
    public void Successful_multi_results_follow_each_op_type()
    {
        var request = (MultiRequest)Requests(OpCode.Multi).First();
        var reply = (MultiResponse)Replies(OpCode.Multi).First().Body!;

        Assert.Equal([OpCode.Create, OpCode.Create, OpCode.SetData, OpCode.Check, OpCode.Delete], request.Ops.Select(o => o.Type));
        Assert.Equal(request.Ops.Select(o => o.Type), reply.Results.Select(r => r.Type));
        Assert.IsType<CreateResponse>(reply.Results[0].Result);
        Assert.IsType<StatResponse>(reply.Results[2].Result);
        Assert.Null(reply.Results[3].Result);
        Assert.Null(reply.Results[4].Result);
    }

    [Fact]
    public void Multi_results_of_createTTL_and_createContainer_ops_are_typed_create2()
    {
        var request = Requests(OpCode.Multi).Cast<MultiRequest>().Single(m => m.Ops.Any(o => o.Type == OpCode.CreateTtl));
        var reply = Replies(OpCode.Multi).Select(r => (MultiResponse)r.Body!).Single(m => m.Results.Any(r => r.Result is Create2Response { Path: "/cap/mt" }));

        Assert.Equal([OpCode.CreateTtl, OpCode.CreateContainer], request.Ops.Select(o => o.Type));
        Assert.Equal([OpCode.Create2, OpCode.Create2], reply.Results.Select(r => r.Type));
    }

    [Fact]
    public void MultiRead_returns_children_data_and_a_per_op_error()
    {
        var request = (MultiRequest)Requests(OpCode.MultiRead).Single();
        var reply = (MultiResponse)Replies(OpCode.MultiRead).Single().Body!;

        Assert.Equal([OpCode.GetChildren, OpCode.GetData, OpCode.GetData], request.Ops.Select(o => o.Type));
        Assert.IsType<GetChildrenResponse>(reply.Results[0].Result);
        Assert.IsType<GetDataResponse>(reply.Results[1].Result);
        Assert.Equal(new MultiResult(OpCode.Error, ErrorCode.NoNode, new ErrorResponse(ErrorCode.NoNode)), reply.Results[2]);
    }

    [Fact]
    public void SetWatches_has_no_persistent_lists_and_setWatches2_has_both()
    {
        var v1 = Requests(OpCode.SetWatches).Cast<SetWatchesRequest>().Single();
        var v2 = Requests(OpCode.SetWatches2).Cast<SetWatchesRequest>().Single();

        Assert.Equal(["/cap/missing"], v1.ExistWatches);
        Assert.Empty(v1.PersistentWatches);
        Assert.Empty(v1.PersistentRecursiveWatches);
        Assert.Equal(["/cap/p"], v2.PersistentWatches);
        Assert.Equal(["/cap"], v2.PersistentRecursiveWatches);
    }

    [Fact]
    public void Notification_has_xid_minus_one_zxid_minus_one_and_the_event()
    {
        var frame = CapturedFrames.Where(fromClient: false, OpCode.Notification).First();
        var reader = new JuteReader(frame.Body);

        Assert.Equal(new ReplyHeader(Xids.Notification, -1, ErrorCode.Ok), ResponseCodec.ReadHeader(ref reader));
        Assert.Equal(new WatcherEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/cap/p"), ResponseCodec.ReadWatcherEvent(ref reader));
    }

    [Fact]
    public void Errors_come_as_a_bare_reply_header()
    {
        var noNode = CapturedFrames.Where(fromClient: false, OpCode.Exists).Select(f => f.Body).Where(b => b.Length == 16).ToList();

        Assert.NotEmpty(noNode);
        Assert.All(Replies(OpCode.Exists).Where(r => r.Header.Err != ErrorCode.Ok), r => Assert.Null(r.Body));
        Assert.Contains(Replies(OpCode.Reconfig), r => r.Header.Err == ErrorCode.ReconfigDisabled);
        Assert.Contains(Replies(OpCode.Auth), r => r.Header == new ReplyHeader(Xids.Auth, 0, ErrorCode.AuthFailed));
    }

    [Fact]
    public void AddWatch_reply_is_an_error_response_of_zero()
    {
        Assert.All(Replies(OpCode.AddWatch), r => Assert.Equal(new ErrorResponse(ErrorCode.Ok), r.Body));
    }

    [Fact]
    public void WhoAmI_lists_the_digest_user_and_the_ip()
    {
        var whoAmI = (WhoAmIResponse)Replies(OpCode.WhoAmI).Single().Body!;

        Assert.Equal([new ClientInfo("digest", "alice"), new ClientInfo("ip", "127.0.0.1")], whoAmI.ClientInfo);
    }

    [Fact]
    public void Unknown_opcode_reads_as_no_body_and_zookeeper_answers_unimplemented_with_zxid_minus_one()
    {
        var request = CapturedFrames.All.Single(f => f.FromClient && f.Name == "unknown");
        var reply = CapturedFrames.All.Single(f => !f.FromClient && f.Name == "unknown");
        var reader = new JuteReader(reply.Body);

        Assert.Null(Wire.DecodeRequest(request.Body).Body);
        Assert.Equal(new ReplyHeader(1, -1, ErrorCode.Unimplemented), ResponseCodec.ReadHeader(ref reader));
    }

    [Fact]
    public void Ping_and_close_session_are_header_only()
    {
        var ping = CapturedFrames.Where(fromClient: true, OpCode.Ping).First();

        Assert.Equal((new RequestHeader(Xids.Ping, OpCode.Ping), EmptyRequest.Instance), Wire.DecodeRequest(ping.Body));
        Assert.All(CapturedFrames.Where(fromClient: true, OpCode.CloseSession), f => Assert.Equal(8, f.Body.Length));
    }
}
