using AkkaZk.Jute;

namespace AkkaZk.Protocol.Codec;

/// <summary>
/// multi (14) and multiRead (22): each op or result is framed by MultiHeader{type, done, err}; the list ends with
/// MultiHeader{-1, true, -1}. Layouts as MultiOperationRecord / MultiResponse in ZooKeeper 3.8.
/// </summary>
public static class MultiCodec
{
    private const int TerminatorType = -1;
    private const int TerminatorErr = -1;

    // MultiOperationRecord writes err = -1 in every request header.
    private const int RequestHeaderErr = -1;

    public static MultiRequest ReadRequest(ref JuteReader reader)
    {
        var ops = new List<MultiOp>();
        while (true)
        {
            var (type, done, _) = ReadMultiHeader(ref reader);
            if (done)
                return new MultiRequest(ops);
            if (!IsOpType(type))
            {
                // MultiOperationRecord throws "Invalid type of op" here; the server answers MarshallingError.
                ops.Add(new MultiOp(type, UnreadMultiOp.Instance));
                return new MultiRequest(ops);
            }
            ops.Add(new MultiOp(type, RequestCodec.ReadBody(type, ref reader)!));
        }
    }

    private static bool IsOpType(OpCode type) => type is OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl
        or OpCode.Delete or OpCode.SetData or OpCode.Check or OpCode.GetChildren or OpCode.GetData;

    public static void WriteRequest(JuteWriter writer, MultiRequest multi)
    {
        foreach (var op in multi.Ops)
        {
            WriteMultiHeader(writer, (int)op.Type, done: false, RequestHeaderErr);
            if (op.Request is UnreadMultiOp)
                break; // a reader stops at this op, as ReadRequest does
            RequestCodec.WriteBody(writer, op.Type, op.Request);
        }
        WriteMultiHeader(writer, TerminatorType, done: true, TerminatorErr);
    }

    /// <summary>Reads a MultiResponse, accepting the result types ZooKeeper's own client does (-1, 1, 2, 4, 5, 8, 13, 15).</summary>
    public static MultiResponse ReadResponse(ref JuteReader reader)
    {
        var results = new List<MultiResult>();
        while (true)
        {
            var (type, done, err) = ReadMultiHeader(ref reader);
            if (done)
                return new MultiResponse(results);
            results.Add(new MultiResult(type, err, ReadResult(type, ref reader)));
        }
    }

    private static ZkResponse? ReadResult(OpCode type, ref JuteReader reader) => type switch
    {
        OpCode.Create => new CreateResponse(DataCodec.ReadRequiredString(ref reader)),
        OpCode.Create2 => new Create2Response(DataCodec.ReadRequiredString(ref reader), DataCodec.ReadStat(ref reader)),
        OpCode.Delete or OpCode.Check => null,
        OpCode.SetData => new StatResponse(DataCodec.ReadStat(ref reader)),
        OpCode.GetChildren => new GetChildrenResponse(DataCodec.ReadStrings(ref reader)),
        OpCode.GetData => new GetDataResponse(DataCodec.ReadBuffer(ref reader), DataCodec.ReadStat(ref reader)),
        OpCode.Error => new ErrorResponse((ErrorCode)reader.ReadInt()),
        _ => throw new JuteException($"Invalid type {(int)type} in MultiResponse"),
    };

    /// <summary>
    /// Writes each result as MultiHeader{type, false, err} + its record, then the terminator. An error result
    /// (type -1) carries ErrorResponse{err}; when its Result is null the header's err is used.
    /// The result of a create2, createTTL or createContainer op has type create2 (15): ZooKeeper 3.8 reports all
    /// three so (OpResult.CreateResult), and its Java client rejects 19 or 21 in a MultiResponse.
    /// </summary>
    public static void WriteResponse(JuteWriter writer, MultiResponse multi)
    {
        foreach (var result in multi.Results)
        {
            WriteMultiHeader(writer, (int)result.Type, done: false, (int)result.Err);
            WriteResult(writer, result);
        }
        WriteMultiHeader(writer, TerminatorType, done: true, TerminatorErr);
    }

    private static void WriteResult(JuteWriter writer, MultiResult result)
    {
        switch (result.Type, result.Result)
        {
            case (OpCode.Create, CreateResponse create):
                writer.WriteString(create.Path);
                break;
            case (OpCode.Create2, Create2Response create2):
                writer.WriteString(create2.Path);
                DataCodec.WriteStat(writer, create2.Stat);
                break;
            case (OpCode.Delete or OpCode.Check, _):
                break;
            case (OpCode.SetData, StatResponse setData):
                DataCodec.WriteStat(writer, setData.Stat);
                break;
            case (OpCode.GetChildren, GetChildrenResponse getChildren):
                writer.WriteStrings(getChildren.Children);
                break;
            case (OpCode.GetData, GetDataResponse getData):
                DataCodec.WriteBuffer(writer, getData.Data);
                DataCodec.WriteStat(writer, getData.Stat);
                break;
            case (OpCode.Error, ErrorResponse error):
                writer.WriteInt((int)error.Err);
                break;
            case (OpCode.Error, null):
                writer.WriteInt((int)result.Err);
                break;
            default:
                throw new ArgumentException(
                    $"{result.Result?.GetType().Name ?? "null"} is not a multi result for opcode {result.Type}", nameof(result));
        }
    }

    private static (OpCode Type, bool Done, ErrorCode Err) ReadMultiHeader(ref JuteReader reader)
    {
        var type = (OpCode)reader.ReadInt();
        var done = reader.ReadBool();
        var err = (ErrorCode)reader.ReadInt();
        return (type, done, err);
    }

    private static void WriteMultiHeader(JuteWriter writer, int type, bool done, int err)
    {
        writer.WriteInt(type);
        writer.WriteBool(done);
        writer.WriteInt(err);
    }
}
