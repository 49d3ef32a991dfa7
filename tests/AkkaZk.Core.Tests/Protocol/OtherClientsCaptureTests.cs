using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Protocol;

/// <summary>What kazoo and the C client (cli_mt) sent to ZooKeeper 3.8 decodes to what they were asked to do.</summary>
public sealed class OtherClientsCaptureTests
{
    private const string Kazoo = "zk38-kazoo-frames.txt";
    private const string CClient = "zk38-cclient-frames.txt";

    private static IEnumerable<ZkRequest> Requests(string file, OpCode opCode) =>
        CapturedFrames.From(file).Where(f => f.FromClient && f.OpCode == opCode).Select(f => Wire.DecodeRequest(f.Body).Body!);

    private static IEnumerable<MultiResponse> MultiReplies(string file) =>
        CapturedFrames.From(file).Where(f => !f.FromClient && f.OpCode == OpCode.Multi).Select(f =>
        {
            var reader = new JuteReader(f.Body);
            return (MultiResponse)ResponseCodec.Read(OpCode.Multi, ref reader).Body!;
        });

    [Fact]
    public void C_client_create_with_ttl_flag_is_createTTL_with_the_ttl()
    {
        var create = Assert.Single(Requests(CClient, OpCode.CreateTtl).Cast<CreateRequest>());

        Assert.Equal(("/c/ttl", CreateMode.PersistentWithTtl, 60000L), (create.Path, create.Flags, create.Ttl));
    }

    [Fact]
    public void C_client_container_create_is_createContainer_with_flags_4()
    {
        var create = Assert.Single(Requests(CClient, OpCode.CreateContainer).Cast<CreateRequest>());

        Assert.Equal(("/c/cont", CreateMode.Container), (create.Path, create.Flags));
    }

    [Fact]
    public void C_client_connect_asks_for_its_30_second_timeout_with_the_readOnly_byte()
    {
        var connect = CapturedFrames.From(CClient).First(f => f.IsHandshake && f.FromClient);
        var reader = new JuteReader(connect.Body);

        var request = ConnectCodec.ReadConnectRequest(ref reader);

        Assert.Equal((30000, (bool?)false), (request.TimeOut, request.ReadOnly));
    }

    [Fact]
    public void Kazoo_transaction_is_a_multi_of_create_check_setData_delete()
    {
        var multi = Requests(Kazoo, OpCode.Multi).Cast<MultiRequest>().First();

        Assert.Equal([OpCode.Create, OpCode.Check, OpCode.SetData, OpCode.Delete], multi.Ops.Select(o => o.Type));
    }

    [Fact]
    public void Kazoo_failed_transaction_gets_ok_bad_version_then_runtime_inconsistency()
    {
        var failed = MultiReplies(Kazoo).Single(m => m.Results.All(r => r.Type == OpCode.Error));

        Assert.Equal(
            [ErrorCode.Ok, ErrorCode.BadVersion, ErrorCode.RuntimeInconsistency, ErrorCode.RuntimeInconsistency],
            failed.Results.Select(r => r.Err));
    }
}
