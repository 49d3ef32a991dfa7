using System.Globalization;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Protocol;

/// <summary>One frame recorded between Apache ZooKeeper 3.8's Java client and server (tests/tools/zk-capture).</summary>
public sealed record CapturedFrame(int Line, bool FromClient, int Connection, OpCode? OpCode, string Name, byte[] Body)
{
    public bool IsHandshake => OpCode is null;

    public override string ToString() => $"line {Line}: {(FromClient ? "C" : "S")} {Connection} {Name}";
}

public static class CapturedFrames
{
    public const string FixtureFile = "Fixtures/zk38-frames.txt";

    private static readonly Lazy<IReadOnlyList<CapturedFrame>> Frames = new(Load);

    public static IReadOnlyList<CapturedFrame> All => Frames.Value;

    public static CapturedFrame AtLine(int line) => All.Single(f => f.Line == line);

    /// <summary>Theory data: the fixture line of every frame (ints keep each case visible by itself in test output).</summary>
    public static TheoryData<int> ClientLines() => Lines(fromClient: true);

    public static TheoryData<int> ServerLines() => Lines(fromClient: false);

    public static TheoryData<int> AllLines()
    {
        var data = new TheoryData<int>();
        foreach (var frame in All)
            data.Add(frame.Line);
        return data;
    }

    private static TheoryData<int> Lines(bool fromClient)
    {
        var data = new TheoryData<int>();
        foreach (var frame in All.Where(f => f.FromClient == fromClient))
            data.Add(frame.Line);
        return data;
    }

    /// <summary>The frames of one kind, e.g. every client request with opcode <paramref name="opCode"/>.</summary>
    public static IEnumerable<CapturedFrame> Where(bool fromClient, OpCode opCode) =>
        All.Where(f => f.FromClient == fromClient && f.OpCode == opCode);

    private static IReadOnlyList<CapturedFrame> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FixtureFile);
        var frames = new List<CapturedFrame>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var fields = line.Split(' ');
            OpCode? opCode = fields[2] == "connect" ? null : (OpCode)int.Parse(fields[2], CultureInfo.InvariantCulture);
            frames.Add(new CapturedFrame(
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
