using System.Buffers.Binary;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Protocol;

/// <summary>A bad frame may only ever end in JuteException (which closes that connection), never another exception.</summary>
public sealed class MalformedFrameTests
{
    private static void DecodesOrThrowsJuteException(CapturedFrame frame, byte[] body)
    {
        var thrown = Record.Exception(() => Wire.Reencode(frame, body));
        if (thrown is not null)
            Assert.IsType<JuteException>(thrown);
    }

    [Theory]
    [MemberData(nameof(CapturedFrames.AllIds), MemberType = typeof(CapturedFrames))]
    public void Every_truncation_of_a_captured_frame_decodes_or_throws_JuteException(string id)
    {
        var frame = CapturedFrames.ById(id);

        for (var length = 0; length < frame.Body.Length; length++)
            DecodesOrThrowsJuteException(frame, frame.Body[..length]);
    }

    [Fact]
    public void Random_corruption_of_captured_frames_decodes_or_throws_JuteException()
    {
        var random = new Random(20261126);
        foreach (var frame in CapturedFrames.AllClients)
        {
            for (var round = 0; round < 50; round++)
            {
                var body = (byte[])frame.Body.Clone();
                if (body.Length == 0)
                    continue;
                var flips = random.Next(1, 4);
                for (var i = 0; i < flips; i++)
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                DecodesOrThrowsJuteException(frame, body);
            }
        }
    }

    [Fact]
    public void Truncated_record_throws_JuteException()
    {
        var body = Wire.Encode(w => RequestCodec.Write(w, new RequestHeader(1, OpCode.GetData), new GetDataRequest("/a", true)));

        Assert.Throws<JuteException>(() => Wire.DecodeRequest(body[..^1]));
    }

    [Fact]
    public void String_length_beyond_the_frame_throws_JuteException()
    {
        var body = Wire.Encode(w => RequestCodec.Write(w, new RequestHeader(1, OpCode.Sync), new SyncRequest("/a")));
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(8), 1000);

        Assert.Throws<JuteException>(() => Wire.DecodeRequest(body));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    [InlineData(JuteReader.DefaultMaxFieldLength + 1)]
    public void Unreasonable_buffer_length_throws_JuteException(int length)
    {
        var body = Wire.Encode(w =>
        {
            RequestCodec.WriteHeader(w, new RequestHeader(1, OpCode.Sasl));
            w.WriteInt(length);
        });

        Assert.Throws<JuteException>(() => Wire.DecodeRequest(body));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MaxValue)]
    [InlineData(1_000_000)]
    public void Unreasonable_vector_count_throws_JuteException_without_allocating_for_it(int count)
    {
        var body = Wire.Encode(w =>
        {
            RequestCodec.WriteHeader(w, new RequestHeader(1, OpCode.SetAcl));
            w.WriteString("/a");
            w.WriteInt(count);
        });

        Assert.Throws<JuteException>(() => Wire.DecodeRequest(body));
    }

    [Theory]
    [InlineData(OpCode.Multi)]
    [InlineData(OpCode.Exists)]
    [InlineData(OpCode.Sync)]
    [InlineData(OpCode.Ping)]
    [InlineData((OpCode)999)]
    public void Multi_with_an_op_type_zookeeper_does_not_allow_stops_reading_at_that_op(OpCode innerType)
    {
        var body = Wire.Encode(w =>
        {
            RequestCodec.WriteHeader(w, new RequestHeader(1, OpCode.Multi));
            w.WriteInt((int)innerType);
            w.WriteBool(false);
            w.WriteInt(-1);
            w.WriteString("/a");
            w.WriteBool(false);
        });

        // MultiOperationRecord throws "Invalid type of op" there; the server answers the multi MarshallingError.
        var multi = Assert.IsType<MultiRequest>(Wire.DecodeRequest(body).Body);
        var op = Assert.Single(multi.Ops);
        Assert.Equal(innerType, op.Type);
        Assert.Same(UnreadMultiOp.Instance, op.Request);
    }

    [Fact]
    public void Multi_without_terminator_throws_JuteException()
    {
        var multi = new MultiRequest([new MultiOp(OpCode.Delete, new DeleteRequest("/a", -1))]);
        var body = Wire.Encode(w => RequestCodec.Write(w, new RequestHeader(1, OpCode.Multi), multi));

        Assert.Throws<JuteException>(() => Wire.DecodeRequest(body[..^9]));
    }

    [Theory]
    [InlineData(42)]
    [InlineData((int)OpCode.CreateTtl)]
    [InlineData((int)OpCode.CreateContainer)]
    [InlineData((int)OpCode.GetChildren2)]
    public void Multi_response_with_a_result_type_zookeepers_client_rejects_throws_JuteException(int type)
    {
        var body = Wire.Encode(w =>
        {
            w.WriteInt(type);
            w.WriteBool(false);
            w.WriteInt(0);
        });

        Assert.Throws<JuteException>(() =>
        {
            var reader = new JuteReader(body);
            return ResponseCodec.ReadBody(OpCode.Multi, ref reader);
        });
    }

    [Fact]
    public void Reply_for_an_opcode_without_a_reply_layout_throws_JuteException()
    {
        Assert.Throws<JuteException>(() =>
        {
            var reader = new JuteReader([]);
            return ResponseCodec.ReadBody((OpCode)999, ref reader);
        });
    }

    [Theory]
    [InlineData(OpCode.Notification)]
    [InlineData(OpCode.Error)]
    [InlineData(OpCode.CreateSession)]
    [InlineData((OpCode)10)]
    [InlineData((OpCode)23)]
    [InlineData((OpCode)108)]
    public void Opcode_a_client_may_not_send_reads_as_no_request(OpCode type)
    {
        var reader = new JuteReader(new byte[64]);

        Assert.Null(RequestCodec.ReadBody(type, ref reader));
    }
}
