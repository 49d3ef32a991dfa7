using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using AkkaZk.Election;
using AkkaZk.Jute;

namespace AkkaZk.Zab;

/// <summary>
/// Compact binary encoding of the <see cref="IPeerMessage"/>s servers send each other over Akka.Remote: the fields in
/// declaration order, jute-style (see <see cref="PeerWireWriter"/>), identified by a short manifest per type. Bytes
/// that do not decode to exactly one whole message throw <see cref="SerializationException"/>, so Akka.Remote drops
/// them rather than delivering a half-read message.
/// </summary>
public sealed class PeerMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4202;

    internal const string ElectionNotificationManifest = "n";
    internal const string LearnerInfoManifest = "li";
    internal const string LeaderInfoManifest = "ld";
    internal const string AckEpochManifest = "ae";
    internal const string SyncDiffManifest = "df";
    internal const string SnapshotChunkManifest = "sn";
    internal const string ProposalManifest = "p";
    internal const string CommitManifest = "c";
    internal const string InformManifest = "i";
    internal const string NewLeaderManifest = "nl";
    internal const string AckManifest = "a";
    internal const string UpToDateManifest = "u";
    internal const string PingManifest = "pg";
    internal const string ForwardedRequestManifest = "fr";
    internal const string ForwardedCreateSessionManifest = "fc";
    internal const string SyncRequestManifest = "sr";
    internal const string SyncDoneManifest = "sd";
    internal const string RevalidateManifest = "rv";
    internal const string RevalidateAnswerManifest = "ra";
    internal const string PeerStateQueryManifest = "q";
    internal const string PeerStateReportManifest = "r";
    internal const string LeaderStoppedManifest = "x";
    internal const string PeerBatchManifest = "b";

    public override int Identifier => Id;

    public override string Manifest(object o) => ManifestOf(o);

    private static string ManifestOf(object o) => o switch
    {
        ElectionNotification => ElectionNotificationManifest,
        LearnerInfo => LearnerInfoManifest,
        LeaderInfo => LeaderInfoManifest,
        AckEpoch => AckEpochManifest,
        SyncDiff => SyncDiffManifest,
        SnapshotChunk => SnapshotChunkManifest,
        Proposal => ProposalManifest,
        Commit => CommitManifest,
        Inform => InformManifest,
        NewLeader => NewLeaderManifest,
        Ack => AckManifest,
        UpToDate => UpToDateManifest,
        Ping => PingManifest,
        ForwardedRequest => ForwardedRequestManifest,
        ForwardedCreateSession => ForwardedCreateSessionManifest,
        SyncRequest => SyncRequestManifest,
        SyncDone => SyncDoneManifest,
        Revalidate => RevalidateManifest,
        RevalidateAnswer => RevalidateAnswerManifest,
        PeerStateQuery => PeerStateQueryManifest,
        PeerStateReport => PeerStateReportManifest,
        LeaderStopped => LeaderStoppedManifest,
        PeerBatch => PeerBatchManifest,
        _ => throw new ArgumentException($"{nameof(PeerMessageSerializer)} cannot serialize {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj)
    {
        var measure = PeerWireWriter.Measuring();
        Write(ref measure, obj);
        var bytes = new byte[measure.Length];
        var writer = PeerWireWriter.Into(bytes);
        Write(ref writer, obj);
        return bytes;
    }

    /// <summary>The bytes <paramref name="message"/> takes inside a <see cref="PeerBatch"/>, its manifest included.</summary>
    public static int BatchedSize(IPeerMessage message)
    {
        var measure = PeerWireWriter.Measuring();
        WriteBatched(ref measure, message);
        return measure.Length;
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new JuteReader(bytes, maxFieldLength: int.MaxValue); // lengths are still bounded by the bytes left
        IPeerMessage message;
        try
        {
            message = Read(ref reader, manifest);
        }
        catch (JuteException e)
        {
            throw new SerializationException(
                $"{nameof(PeerMessageSerializer)}: {bytes.Length} bytes do not decode as manifest '{manifest}': {e.Message}", e);
        }
        if (!reader.AtEnd)
            throw new SerializationException(
                $"{nameof(PeerMessageSerializer)}: {reader.Remaining} stray bytes after a '{manifest}' message of {reader.Position} bytes");
        return message;
    }

    private static void Write(ref PeerWireWriter w, object obj)
    {
        switch (obj)
        {
            case ElectionNotification m:
                WriteVote(ref w, m.Vote);
                w.Text(m.Ensemble, nameof(m.Ensemble));
                w.Int(m.Incarnation);
                break;
            case LearnerInfo m:
                w.Long(m.Sid);
                w.Long(m.AcceptedEpoch);
                w.Long(m.LastZxid);
                w.Bool(m.Observer);
                w.Text(m.Ensemble, nameof(m.Ensemble));
                break;
            case LeaderInfo m:
                w.Long(m.Epoch);
                break;
            case AckEpoch m:
                w.Long(m.Sid);
                w.Long(m.CurrentEpoch);
                w.Long(m.LastZxid);
                break;
            case SyncDiff m:
                w.Long(m.Zxid);
                break;
            case SnapshotChunk m:
                w.Long(m.Zxid);
                w.Int(m.Index);
                w.Bool(m.Last);
                w.Bytes(m.Data, nameof(m.Data));
                break;
            case Proposal m:
                w.Long(m.Zxid);
                w.Bytes(m.Txn, nameof(m.Txn));
                break;
            case Commit m:
                w.Long(m.Zxid);
                break;
            case Inform m:
                w.Long(m.Zxid);
                w.Bytes(m.Txn, nameof(m.Txn));
                break;
            case NewLeader m:
                w.Long(m.Epoch);
                w.Long(m.Zxid);
                break;
            case Ack m:
                w.Long(m.Sid);
                w.Long(m.Zxid);
                break;
            case UpToDate m:
                w.Long(m.Epoch);
                break;
            case Ping m:
                w.Long(m.Sid);
                w.Longs(m.TouchedSessions, nameof(m.TouchedSessions));
                break;
            case ForwardedRequest m:
                w.Long(m.Sid);
                w.Long(m.SessionId);
                w.Int(m.Xid);
                w.Int(m.Type);
                w.Bytes(m.Request, nameof(m.Request));
                w.Texts(m.AuthInfo, nameof(m.AuthInfo));
                break;
            case ForwardedCreateSession m:
                w.Long(m.Sid);
                w.Long(m.SessionId);
                w.Int(m.TimeoutMs);
                break;
            case SyncRequest m:
                w.Long(m.Sid);
                w.Long(m.Token);
                break;
            case SyncDone m:
                w.Long(m.Token);
                w.Long(m.Zxid);
                break;
            case Revalidate m:
                w.Long(m.Sid);
                w.Long(m.SessionId);
                w.Int(m.TimeoutMs);
                break;
            case RevalidateAnswer m:
                w.Long(m.SessionId);
                w.Bool(m.Valid);
                break;
            case PeerStateQuery m:
                w.Long(m.Sid);
                break;
            case LeaderStopped m:
                w.Long(m.Epoch);
                break;
            case PeerBatch m:
                w.Int(m.Messages.Length);
                foreach (var message in m.Messages)
                    WriteBatched(ref w, message);
                break;
            case PeerStateReport m:
                w.Long(m.Sid);
                w.Byte((byte)m.State);
                w.Long(m.LeaderId);
                w.Long(m.Epoch);
                w.Long(m.LastZxid);
                break;
            default:
                throw new ArgumentException($"{nameof(PeerMessageSerializer)} cannot serialize {obj.GetType()}");
        }
    }

    private static void WriteBatched(ref PeerWireWriter w, IPeerMessage message)
    {
        if (message is PeerBatch)
            throw new ArgumentException($"{nameof(PeerMessageSerializer)}: a {nameof(PeerBatch)} does not nest");
        w.Text(ManifestOf(message), "manifest");
        Write(ref w, message);
    }

    private static IPeerMessage[] ReadBatch(ref JuteReader r)
    {
        var messages = new IPeerMessage[ReadCount(ref r, bytesEach: 5)];
        for (var i = 0; i < messages.Length; i++)
        {
            var manifest = ReadText(ref r);
            messages[i] = manifest == PeerBatchManifest
                ? throw new JuteException($"a {nameof(PeerBatch)} does not nest")
                : Read(ref r, manifest);
        }
        return messages;
    }

    // Arguments are evaluated left to right, so each constructor call reads its fields in declaration order.
    private static IPeerMessage Read(ref JuteReader r, string manifest) => manifest switch
    {
        ElectionNotificationManifest => new ElectionNotification(ReadVote(ref r), ReadText(ref r), r.ReadInt()),
        LearnerInfoManifest => new LearnerInfo(r.ReadLong(), r.ReadLong(), r.ReadLong(), ReadBool(ref r), ReadText(ref r)),
        LeaderInfoManifest => new LeaderInfo(r.ReadLong()),
        AckEpochManifest => new AckEpoch(r.ReadLong(), r.ReadLong(), r.ReadLong()),
        SyncDiffManifest => new SyncDiff(r.ReadLong()),
        SnapshotChunkManifest => new SnapshotChunk(r.ReadLong(), r.ReadInt(), ReadBool(ref r), ReadBytes(ref r)),
        ProposalManifest => new Proposal(r.ReadLong(), ReadBytes(ref r)),
        CommitManifest => new Commit(r.ReadLong()),
        InformManifest => new Inform(r.ReadLong(), ReadBytes(ref r)),
        NewLeaderManifest => new NewLeader(r.ReadLong(), r.ReadLong()),
        AckManifest => new Ack(r.ReadLong(), r.ReadLong()),
        UpToDateManifest => new UpToDate(r.ReadLong()),
        PingManifest => new Ping(r.ReadLong(), ReadLongs(ref r)),
        ForwardedRequestManifest => new ForwardedRequest(r.ReadLong(), r.ReadLong(), r.ReadInt(), r.ReadInt(), ReadBytes(ref r), ReadTexts(ref r)),
        ForwardedCreateSessionManifest => new ForwardedCreateSession(r.ReadLong(), r.ReadLong(), r.ReadInt()),
        SyncRequestManifest => new SyncRequest(r.ReadLong(), r.ReadLong()),
        SyncDoneManifest => new SyncDone(r.ReadLong(), r.ReadLong()),
        RevalidateManifest => new Revalidate(r.ReadLong(), r.ReadLong(), r.ReadInt()),
        RevalidateAnswerManifest => new RevalidateAnswer(r.ReadLong(), ReadBool(ref r)),
        PeerStateQueryManifest => new PeerStateQuery(r.ReadLong()),
        LeaderStoppedManifest => new LeaderStopped(r.ReadLong()),
        PeerStateReportManifest => new PeerStateReport(r.ReadLong(), ReadState(ref r), r.ReadLong(), r.ReadLong(), r.ReadLong()),
        PeerBatchManifest => new PeerBatch(ReadBatch(ref r)),
        _ => throw new SerializationException($"{nameof(PeerMessageSerializer)}: unknown manifest '{manifest}'"),
    };

    // leader, zxid, electionEpoch, peerEpoch: long; state: byte; sid: long
    private static void WriteVote(ref PeerWireWriter w, Vote? vote)
    {
        var v = vote ?? throw new SerializationException($"{nameof(PeerMessageSerializer)}: {nameof(ElectionNotification.Vote)} is null");
        w.Long(v.Leader);
        w.Long(v.Zxid);
        w.Long(v.ElectionEpoch);
        w.Long(v.PeerEpoch);
        w.Byte((byte)v.State);
        w.Long(v.Sid);
    }

    private static Vote ReadVote(ref JuteReader r) =>
        new(r.ReadLong(), r.ReadLong(), r.ReadLong(), r.ReadLong(), ReadState(ref r), r.ReadLong());

    private static ServerState ReadState(ref JuteReader r)
    {
        var state = (ServerState)r.ReadByte();
        return Enum.IsDefined(state) ? state : throw new JuteException($"unknown server state {(byte)state}");
    }

    private static bool ReadBool(ref JuteReader r) => r.ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new JuteException($"bool byte {b} is neither 0 nor 1"),
    };

    private static byte[] ReadBytes(ref JuteReader r) => r.ReadBuffer() ?? throw new JuteException("null byte array");

    private static string ReadText(ref JuteReader r) => r.ReadString() ?? throw new JuteException("null string");

    private static long[] ReadLongs(ref JuteReader r)
    {
        var count = ReadCount(ref r, bytesEach: 8);
        var values = new long[count];
        for (var i = 0; i < count; i++)
            values[i] = r.ReadLong();
        return values;
    }

    private static string[] ReadTexts(ref JuteReader r)
    {
        var count = ReadCount(ref r, bytesEach: 4);
        var values = new string[count];
        for (var i = 0; i < count; i++)
            values[i] = ReadText(ref r);
        return values;
    }

    // A count the remaining bytes cannot hold is garbage: refuse it before allocating the array.
    private static int ReadCount(ref JuteReader r, int bytesEach)
    {
        var count = r.ReadInt();
        if (count < 0 || count > r.Remaining / bytesEach)
            throw new JuteException($"array count {count} does not fit the {r.Remaining} bytes left");
        return count;
    }
}
