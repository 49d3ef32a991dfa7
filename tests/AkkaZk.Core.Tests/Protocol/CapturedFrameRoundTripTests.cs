using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Protocol;

/// <summary>
/// Every frame exchanged between real clients (ZooKeeper's Java client, kazoo, the C client) and Apache ZooKeeper 3.8
/// decodes and encodes back to the very same bytes.
/// </summary>
public sealed class CapturedFrameRoundTripTests
{
    [Theory]
    [MemberData(nameof(CapturedFrames.ClientIds), MemberType = typeof(CapturedFrames))]
    public void Captured_client_frame_re_encodes_to_identical_bytes(string id)
    {
        var frame = CapturedFrames.ById(id);

        Assert.Equal(Convert.ToHexString(frame.Body), Convert.ToHexString(Wire.Reencode(frame)));
    }

    [Theory]
    [MemberData(nameof(CapturedFrames.ServerIds), MemberType = typeof(CapturedFrames))]
    public void Captured_server_frame_re_encodes_to_identical_bytes(string id)
    {
        var frame = CapturedFrames.ById(id);

        Assert.Equal(Convert.ToHexString(frame.Body), Convert.ToHexString(Wire.Reencode(frame)));
    }

    [Fact]
    public void Fixture_covers_every_opcode_the_java_client_sends()
    {
        var captured = CapturedFrames.All.Where(f => f.FromClient && f.OpCode is not null).Select(f => f.OpCode!.Value).ToHashSet();

        OpCode[] expected =
        [
            OpCode.Create, OpCode.Create2, OpCode.CreateContainer,
            OpCode.CreateTtl, OpCode.Delete, OpCode.Exists,
            OpCode.GetData, OpCode.SetData, OpCode.GetAcl,
            OpCode.SetAcl, OpCode.GetChildren, OpCode.GetChildren2,
            OpCode.Sync, OpCode.Ping, OpCode.Multi,
            OpCode.MultiRead, OpCode.Reconfig, OpCode.CheckWatches,
            OpCode.RemoveWatches, OpCode.Auth, OpCode.SetWatches,
            OpCode.SetWatches2, OpCode.GetEphemerals,
            OpCode.GetAllChildrenNumber, OpCode.AddWatch, OpCode.WhoAmI,
            OpCode.CloseSession,
        ];
        Assert.All(expected, op => Assert.Contains(op, captured));
    }
}
