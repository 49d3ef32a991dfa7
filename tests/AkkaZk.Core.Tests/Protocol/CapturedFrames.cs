using System.Globalization;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Protocol;

/// <summary>One frame recorded between a real client and Apache ZooKeeper 3.8 (tests/tools/zk-capture).</summary>
public sealed record CapturedFrame(string File, int Line, bool FromClient, int Connection, OpCode? OpCode, string Name, byte[] Body)
{
    public bool IsHandshake => OpCode is null;

    /// <summary>Names the frame in theory data and failure messages: file and line.</summary>
    public string Id => $"{File}:{Line}";

    public override string ToString() => $"{Id}: {(FromClient ? "C" : "S")} {Connection} {Name}";
}

public static class CapturedFrames
{
    /// <summary>ZooKeeper's Java client: every opcode, reconnects, raw old-client and unknown-opcode sessions.</summary>
    public const string JavaFile = "zk38-frames.txt";

    /// <summary>Other clients AkkaZk must serve: kazoo and the C client (cli_mt).</summary>
    public static readonly string[] OtherFiles = ["zk38-kazoo-frames.txt", "zk38-cclient-frames.txt"];

    private static readonly Lazy<IReadOnlyList<CapturedFrame>> JavaFrames = new(() => Load(JavaFile));

    private static readonly Lazy<IReadOnlyList<CapturedFrame>> EveryFrame =
        new(() => [.. JavaFrames.Value, .. OtherFiles.SelectMany(Load)]);

    /// <summary>The Java client's capture: what the content tests check field by field.</summary>
    public static IReadOnlyList<CapturedFrame> All => JavaFrames.Value;

    /// <summary>Every capture, every client.</summary>
    public static IReadOnlyList<CapturedFrame> AllClients => EveryFrame.Value;

    /// <summary>The frames of one capture file.</summary>
    public static IEnumerable<CapturedFrame> From(string file) => AllClients.Where(f => f.File == file);

    public static CapturedFrame ById(string id) => AllClients.Single(f => f.Id == id);

    /// <summary>Theory data: the id of every frame (strings keep each case visible by itself in test output).</summary>
    public static TheoryData<string> ClientIds() => Ids(AllClients.Where(f => f.FromClient));

    public static TheoryData<string> ServerIds() => Ids(AllClients.Where(f => !f.FromClient));

    public static TheoryData<string> AllIds() => Ids(AllClients);

    private static TheoryData<string> Ids(IEnumerable<CapturedFrame> frames)
    {
        var data = new TheoryData<string>();
        foreach (var frame in frames)
            data.Add(frame.Id);
        return data;
    }

    /// <summary>The Java capture's frames of one kind, e.g. every client request with opcode <paramref name="opCode"/>.</summary>
    public static IEnumerable<CapturedFrame> Where(bool fromClient, OpCode opCode) =>
        All.Where(f => f.FromClient == fromClient && f.OpCode == opCode);

    private static IReadOnlyList<CapturedFrame> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file);
        var frames = new List<CapturedFrame>();
        var lineNumber = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var fields = line.Split(' ');
            OpCode? opCode = fields[2] == "connect" ? null : (OpCode)int.Parse(fields[2], CultureInfo.InvariantCulture);
            frames.Add(new CapturedFrame(
                file,
                lineNumber,
                FromClient: fields[0] == "C",
                Connection: int.Parse(fields[1], CultureInfo.InvariantCulture),
                opCode,
                Name: fields[3],
                Body: Convert.FromHexString(fields[4])));
        }
        return frames;
    }
}
