using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using AkkaZk.Client;
using AkkaZk.Data;
using AkkaZk.ProcessTests.Infrastructure;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.ProcessTests.Fuzz;

/// <summary>
/// Mutated frames (bit flips, truncations, bad lengths, unknown opcodes, garbage handshakes) sent on their own
/// connections to a running node, while a healthy session keeps working beside them: bad input closes at most the
/// connection that sent it (a body that does not decode is answered MarshallingError), and never loses or disturbs
/// anything else.
/// </summary>
public sealed class MalformedFrameFuzzTests
{
    private const int Mutations = 300;

    [Fact]
    public async Task Mutated_frames_close_only_their_own_connection_while_a_healthy_session_keeps_working()
    {
        var seed = Environment.TickCount;
        await using var server = await ServerUnderTest.StartAsync("fuzz");
        await using var healthy = await ZkClient.ConnectAsync("127.0.0.1", server.ClientPort, 30000);
        await healthy.CallAsync<CreateResponse>(OpCode.Create, new CreateRequest("/fuzz", Encoding.UTF8.GetBytes("0"), Acl.OpenAclUnsafe, CreateMode.Persistent));

        var random = new Random(seed);
        var frames = ValidRequestFrames();
        for (var i = 0; i < Mutations; i++)
        {
            var kind = random.Next(4);
            var bytes = kind == 0 ? Garbage(random) : Mutate(frames[random.Next(frames.Count)], random);
            await SendOnFreshConnectionAsync(server.ClientPort, bytes, handshakeFirst: kind != 0);
            if (i % 25 == 0)
            {
                var value = Encoding.UTF8.GetBytes(i.ToString());
                await healthy.CallAsync<StatResponse>(OpCode.SetData, new SetDataRequest("/fuzz", value, -1));
                var read = await healthy.CallAsync<GetDataResponse>(OpCode.GetData, new GetDataRequest("/fuzz", false));
                Assert.True(value.AsSpan().SequenceEqual(read.Data), $"seed {seed}: healthy session read a wrong value after mutation {i}");
            }
        }

        Assert.False(healthy.IsClosed, $"seed {seed}: the healthy session's connection was closed");
        var stat = await healthy.CallAsync<StatResponse>(OpCode.Exists, new ExistsRequest("/fuzz", false));
        Assert.Equal(Mutations / 25, stat.Stat.Version);
        await using var another = await ZkClient.ConnectAsync("127.0.0.1", server.ClientPort);
        var children = await another.CallAsync<GetChildrenResponse>(OpCode.GetChildren, new GetChildrenRequest("/", false));
        Assert.Contains("fuzz", children.Children);
    }

    /// <summary>Well-formed request frames of many opcodes, the material the mutations start from.</summary>
    private static List<byte[]> ValidRequestFrames()
    {
        var requests = new (OpCode, ZkRequest)[]
        {
            (OpCode.Create, new CreateRequest("/fuzz/a", [1, 2, 3], Acl.OpenAclUnsafe, CreateMode.Ephemeral)),
            (OpCode.Create2, new CreateRequest("/fuzz/s-", [], Acl.OpenAclUnsafe, CreateMode.EphemeralSequential)),
            (OpCode.GetData, new GetDataRequest("/fuzz", true)),
            (OpCode.SetData, new SetDataRequest("/fuzz/a", [9], -1)),
            (OpCode.GetChildren2, new GetChildrenRequest("/", true)),
            (OpCode.SetAcl, new SetAclRequest("/fuzz/a", Acl.OpenAclUnsafe, -1)),
            (OpCode.Multi, new MultiRequest([new MultiOp(OpCode.Create, new CreateRequest("/fuzz/m", [], Acl.OpenAclUnsafe, CreateMode.Ephemeral)), new MultiOp(OpCode.Delete, new DeleteRequest("/fuzz/m", -1))])),
            (OpCode.SetWatches2, new SetWatchesRequest(0, ["/fuzz"], ["/x"], ["/"], ["/p"], ["/r"])),
            (OpCode.AddWatch, new AddWatchRequest("/fuzz", AddWatchMode.PersistentRecursive)),
            (OpCode.Auth, new AuthPacket(0, "digest", Encoding.UTF8.GetBytes("u:p"))),
        };
        var frames = new List<byte[]>();
        var xid = 1;
        foreach (var (type, request) in requests)
        {
            var buffer = new ArrayBufferWriter<byte>();
            var header = new RequestHeader(type == OpCode.Auth ? Xids.Auth : xid++, type);
            FrameWriter.WriteRequest(buffer, header, request);
            frames.Add(buffer.WrittenSpan.ToArray());
        }
        return frames;
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = (byte[])frame.Clone();
        switch (random.Next(6))
        {
            case 0: // flip bytes in the body
                for (var n = random.Next(1, 4); n > 0; n--)
                    bytes[random.Next(4, bytes.Length)] ^= (byte)random.Next(1, 256);
                return bytes;
            case 1: // truncated body with an honest length
                var cut = random.Next(4, bytes.Length);
                var truncated = bytes[..cut];
                BinaryPrimitives.WriteInt32BigEndian(truncated, cut - 4);
                return truncated;
            case 2: // negative or oversized frame length
                BinaryPrimitives.WriteInt32BigEndian(bytes, random.Next(2) == 0 ? -random.Next(1, int.MaxValue) : 0x100000 + random.Next(1, 1 << 20));
                return bytes;
            case 3: // unknown opcode
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), random.Next(23, 99));
                return bytes;
            case 4: // a string or vector length inside the record blown up
                if (bytes.Length > 16)
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), random.Next(2) == 0 ? int.MaxValue : -7);
                return bytes;
            default: // random tail
                var tail = new byte[random.Next(1, 64)];
                random.NextBytes(tail);
                var longer = bytes.Concat(tail).ToArray();
                BinaryPrimitives.WriteInt32BigEndian(longer, longer.Length - 4);
                return longer;
        }
    }

    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[random.Next(1, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Opens a connection, optionally completes a real handshake, sends the bytes, and reads until the server closes or goes quiet.</summary>
    private static async Task SendOnFreshConnectionAsync(int port, byte[] bytes, bool handshakeFirst)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        using var stream = new NetworkStream(socket);
        if (handshakeFirst)
        {
            var connect = new ArrayBufferWriter<byte>();
            FrameWriter.WriteConnectRequest(connect, new ConnectRequest(0, 0, 4000, 0, new byte[16], false));
            await stream.WriteAsync(connect.WrittenMemory);
        }
        try
        {
            await stream.WriteAsync(bytes);
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var sink = new byte[4096];
            while (await stream.ReadAsync(sink, quiet.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // closed by the server (expected for bad input) or quiet: either way, on to the next
        }
    }
}
