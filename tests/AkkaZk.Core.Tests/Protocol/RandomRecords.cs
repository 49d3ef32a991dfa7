using AkkaZk.Data;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Tests.Protocol;

/// <summary>Random protocol records for round-trip properties.</summary>
public sealed class RandomRecords(int seed)
{
    private readonly Random _random = new(seed);

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABC0123456789-_.:/é日本€";

    public int Int() => _random.Next(4) switch
    {
        0 => -1,
        1 => 0,
        2 => _random.Next(),
        _ => -_random.Next(),
    };

    public long Long() => _random.Next(3) switch
    {
        0 => -1,
        1 => _random.NextInt64(),
        _ => _random.Next(),
    };

    public bool Bool() => _random.Next(2) == 1;

    public string String()
    {
        var length = _random.Next(0, 24);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = Alphabet[_random.Next(Alphabet.Length)];
        return new string(chars);
    }

    public string? NullableString() => _random.Next(5) == 0 ? null : String();

    public string Path() => "/" + String().Replace("/", "", StringComparison.Ordinal);

    public byte[] Buffer()
    {
        if (_random.Next(6) == 0)
            return JuteBuffers.Null;
        var bytes = new byte[_random.Next(0, 40)];
        _random.NextBytes(bytes);
        return bytes;
    }

    public IReadOnlyList<T> List<T>(Func<T> item, int max = 5)
    {
        var count = _random.Next(0, max + 1);
        var items = new T[count];
        for (var i = 0; i < count; i++)
            items[i] = item();
        return items;
    }

    public Stat Stat() => new(Long(), Long(), Long(), Long(), Int(), Int(), Int(), Long(), Int(), Int(), Long());

    public Acl Acl() => new((Perms)_random.Next(0, 32), new Id(String(), String()));

    public IReadOnlyList<Acl> Acls() => List(Acl);

    public CreateRequest Create(OpCode type) =>
        new(Path(), Buffer(), Acls(), (CreateMode)_random.Next(0, 7), type == OpCode.CreateTtl ? Long() : 0);

    public ZkRequest Request(OpCode type) => type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => Create(type),
        OpCode.Delete => new DeleteRequest(Path(), Int()),
        OpCode.DeleteContainer => new DeleteContainerRequest(Path()),
        OpCode.Exists => new ExistsRequest(Path(), Bool()),
        OpCode.GetData => new GetDataRequest(Path(), Bool()),
        OpCode.SetData => new SetDataRequest(Path(), Buffer(), Int()),
        OpCode.GetAcl => new GetAclRequest(Path()),
        OpCode.SetAcl => new SetAclRequest(Path(), Acls(), Int()),
        OpCode.GetChildren or OpCode.GetChildren2 => new GetChildrenRequest(Path(), Bool()),
        OpCode.Sync => new SyncRequest(Path()),
        OpCode.Check => new CheckVersionRequest(Path(), Int()),
        OpCode.Multi => new MultiRequest(List(() =>
        {
            var op = Pick(OpCode.Create, OpCode.Create2, OpCode.CreateContainer, OpCode.CreateTtl, OpCode.Delete, OpCode.SetData, OpCode.Check);
            return new MultiOp(op, Request(op));
        })),
        OpCode.MultiRead => new MultiRequest(List(() =>
        {
            var op = Pick(OpCode.GetChildren, OpCode.GetData);
            return new MultiOp(op, Request(op));
        })),
        OpCode.Reconfig => new ReconfigRequest(NullableString(), NullableString(), NullableString(), Long()),
        OpCode.SetWatches => new SetWatchesRequest(Long(), List(Path), List(Path), List(Path), [], []),
        OpCode.SetWatches2 => new SetWatchesRequest(Long(), List(Path), List(Path), List(Path), List(Path), List(Path)),
        OpCode.AddWatch => new AddWatchRequest(Path(), (AddWatchMode)_random.Next(2)),
        OpCode.CheckWatches => new CheckWatchesRequest(Path(), (WatcherType)_random.Next(1, 6)),
        OpCode.RemoveWatches => new RemoveWatchesRequest(Path(), (WatcherType)_random.Next(1, 6)),
        OpCode.GetEphemerals => new GetEphemeralsRequest(Path()),
        OpCode.GetAllChildrenNumber => new GetAllChildrenNumberRequest(Path()),
        OpCode.Auth => new AuthPacket(0, String(), Buffer()),
        OpCode.Sasl => new SaslRequest(Buffer()),
        OpCode.Ping or OpCode.CloseSession or OpCode.WhoAmI => EmptyRequest.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public ZkResponse Response(OpCode type) => type switch
    {
        OpCode.Create => new CreateResponse(Path()),
        OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => new Create2Response(Path(), Stat()),
        OpCode.Exists or OpCode.SetData or OpCode.SetAcl => new StatResponse(Stat()),
        OpCode.GetData or OpCode.Reconfig => new GetDataResponse(Buffer(), Stat()),
        OpCode.GetAcl => new GetAclResponse(Acls(), Stat()),
        OpCode.GetChildren => new GetChildrenResponse(List(String)),
        OpCode.GetChildren2 => new GetChildren2Response(List(String), Stat()),
        OpCode.Sync => new SyncResponse(Path()),
        OpCode.Multi => new MultiResponse(List(() => MultiResult(
            Pick(OpCode.Create, OpCode.Create2, OpCode.Delete, OpCode.SetData, OpCode.Check, OpCode.Error)))),
        OpCode.MultiRead => new MultiResponse(List(() => MultiResult(Pick(OpCode.GetChildren, OpCode.GetData, OpCode.Error)))),
        OpCode.GetAllChildrenNumber => new GetAllChildrenNumberResponse(Int()),
        OpCode.GetEphemerals => new GetEphemeralsResponse(List(Path)),
        OpCode.WhoAmI => new WhoAmIResponse(List(() => new ClientInfo(String(), String()))),
        OpCode.Sasl => new SetSaslResponse(Buffer()),
        OpCode.AddWatch => new ErrorResponse(ErrorCode.Ok),
        _ => EmptyResponse.Instance,
    };

    private MultiResult MultiResult(OpCode type)
    {
        if (type == OpCode.Error)
        {
            var err = Pick(ErrorCode.Ok, ErrorCode.NoNode, ErrorCode.RuntimeInconsistency, ErrorCode.BadVersion);
            return new MultiResult(OpCode.Error, err, new ErrorResponse(err));
        }
        var result = type switch
        {
            OpCode.Delete or OpCode.Check => null,
            OpCode.SetData => new StatResponse(Stat()),
            _ => Response(type),
        };
        return new MultiResult(type, ErrorCode.Ok, result);
    }

    public T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
