using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Protocol;

/// <summary>Random records of every kind survive write then read unchanged, with every byte consumed.</summary>
public sealed class RoundTripPropertyTests
{
    private const int Rounds = 200;

    public static TheoryData<OpCode> RequestOpCodes() =>
    [
        OpCode.Create, OpCode.Create2, OpCode.CreateContainer, OpCode.CreateTtl, OpCode.Delete, OpCode.DeleteContainer,
        OpCode.Exists, OpCode.GetData, OpCode.SetData, OpCode.GetAcl, OpCode.SetAcl, OpCode.GetChildren, OpCode.GetChildren2,
        OpCode.Sync, OpCode.Check, OpCode.Multi, OpCode.MultiRead, OpCode.Reconfig, OpCode.SetWatches, OpCode.SetWatches2,
        OpCode.AddWatch, OpCode.CheckWatches, OpCode.RemoveWatches, OpCode.GetEphemerals, OpCode.GetAllChildrenNumber,
        OpCode.Auth, OpCode.Sasl, OpCode.Ping, OpCode.CloseSession, OpCode.WhoAmI,
    ];

    [Theory]
    [MemberData(nameof(RequestOpCodes))]
    public void Random_request_survives_write_then_read(OpCode type)
    {
        var random = new RandomRecords((int)type + 1000);
        for (var round = 0; round < Rounds; round++)
        {
            var header = new RequestHeader(random.Int(), type);
            var request = random.Request(type);
            var bytes = Wire.Encode(w => RequestCodec.Write(w, header, request));

            var reader = new JuteReader(bytes);
            var readHeader = RequestCodec.ReadHeader(ref reader);
            var readRequest = RequestCodec.ReadBody(readHeader.Type, ref reader);

            Assert.Equal(header, readHeader);
            Assert.Equal(Structural.Render(request), Structural.Render(readRequest));
            Assert.True(reader.AtEnd);
        }
    }

    [Theory]
    [MemberData(nameof(RequestOpCodes))]
    public void Random_successful_response_survives_write_then_read(OpCode type)
    {
        var random = new RandomRecords((int)type + 2000);
        for (var round = 0; round < Rounds; round++)
        {
            var header = new ReplyHeader(random.Int(), random.Long(), ErrorCode.Ok);
            var response = random.Response(type);
            var bytes = Wire.Encode(w => ResponseCodec.Write(w, header, response));

            var reader = new JuteReader(bytes);
            var (readHeader, readResponse) = ResponseCodec.Read(type, ref reader);

            Assert.Equal(header, readHeader);
            Assert.Equal(Structural.Render(response), Structural.Render(readResponse));
            Assert.True(reader.AtEnd);
        }
    }

    [Theory]
    [MemberData(nameof(RequestOpCodes))]
    public void Failed_reply_is_header_only_except_multi(OpCode type)
    {
        var random = new RandomRecords((int)type + 3000);
        var header = new ReplyHeader(7, 42, ErrorCode.NoNode);
        var response = random.Response(type);

        var bytes = Wire.Encode(w => ResponseCodec.Write(w, header, response));

        if (response is MultiResponse)
            Assert.True(bytes.Length > 16);
        else
            Assert.Equal(16, bytes.Length);
    }

    [Fact]
    public void Stat_is_68_bytes_and_round_trips()
    {
        var random = new RandomRecords(1);
        for (var round = 0; round < Rounds; round++)
        {
            var stat = random.Stat();
            var bytes = Wire.Encode(w => DataCodec.WriteStat(w, stat));
            var reader = new JuteReader(bytes);

            Assert.Equal(DataCodec.StatLength, bytes.Length);
            Assert.Equal(stat, DataCodec.ReadStat(ref reader));
        }
    }

    [Fact]
    public void Connect_request_and_response_round_trip_with_and_without_readOnly()
    {
        var random = new RandomRecords(2);
        foreach (bool? readOnly in new bool?[] { null, false, true })
        {
            var request = new ConnectRequest(0, random.Long(), random.Int(), random.Long(), new byte[16], readOnly);
            var response = new ConnectResponse(0, random.Int(), random.Long(), new byte[16], readOnly);
            var requestBytes = Wire.Encode(w => ConnectCodec.WriteConnectRequest(w, request));
            var responseBytes = Wire.Encode(w => ConnectCodec.WriteConnectResponse(w, response));
            var requestReader = new JuteReader(requestBytes);
            var responseReader = new JuteReader(responseBytes);

            Assert.Equal(readOnly is null ? 44 : 45, requestBytes.Length);
            Assert.Equal(readOnly is null ? 36 : 37, responseBytes.Length);
            Assert.Equal(Structural.Render(request), Structural.Render(ConnectCodec.ReadConnectRequest(ref requestReader)));
            Assert.Equal(Structural.Render(response), Structural.Render(ConnectCodec.ReadConnectResponse(ref responseReader)));
        }
    }

    [Fact]
    public void Notification_round_trips()
    {
        var watcherEvent = new WatcherEvent(EventType.NodeChildrenChanged, KeeperState.SyncConnected, "/a/b");
        var bytes = Wire.Encode(w => ResponseCodec.WriteNotification(w, watcherEvent));
        var reader = new JuteReader(bytes);

        Assert.Equal(new ReplyHeader(Xids.Notification, -1, ErrorCode.Ok), ResponseCodec.ReadHeader(ref reader));
        Assert.Equal(watcherEvent, ResponseCodec.ReadWatcherEvent(ref reader));
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void Multi_error_result_without_a_record_writes_its_header_err_as_the_error_response()
    {
        var multi = new MultiResponse([new MultiResult(OpCode.Error, ErrorCode.NoNode, null)]);
        var bytes = Wire.Encode(w => ResponseCodec.WriteBody(w, multi));
        var reader = new JuteReader(bytes);

        var read = (MultiResponse)ResponseCodec.ReadBody(OpCode.Multi, ref reader);

        Assert.Equal(new MultiResult(OpCode.Error, ErrorCode.NoNode, new ErrorResponse(ErrorCode.NoNode)), Assert.Single(read.Results));
    }

    [Fact]
    public void Writing_a_body_that_does_not_belong_to_the_opcode_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() =>
            Wire.Encode(w => RequestCodec.Write(w, new RequestHeader(1, OpCode.Exists), new GetDataRequest("/a", false))));
    }
}
