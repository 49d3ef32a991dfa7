using System.Buffers;
using AkkaZk.Data;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using static AkkaZk.Database.ReplicationProtocol;

namespace AkkaZk.Zab;

/// <summary>A client write forwarded from a learner to the leader: the request body in jute, the auth ids as "scheme:id".</summary>
internal static class ForwardedRequests
{
    public static ForwardedRequest Encode(long sid, ForwardWrite write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RequestCodec.WriteBody(new JuteWriter(buffer), write.Type, write.Request);
        return new ForwardedRequest(sid, write.Session.SessionId, write.Xid, (int)write.Type, buffer.WrittenSpan.ToArray(),
            write.Session.AuthInfo.Select(id => id.Scheme + ":" + id.Ident).ToArray());
    }

    /// <summary>The write for the leader's data tree, or null when the body or an auth id cannot be read.</summary>
    public static ForwardedWrite? Decode(ForwardedRequest request)
    {
        var type = (OpCode)request.Type;
        try
        {
            if (RequestCodec.ReadServerBody(type, request.Request) is not { } body)
                return null;
            var auth = new List<Id>(request.AuthInfo.Length);
            foreach (var id in request.AuthInfo)
            {
                var colon = id.IndexOf(':');
                if (colon < 0)
                    return null;
                auth.Add(new Id(id[..colon], id[(colon + 1)..]));
            }
            // the learner that forwarded it is the request's owner (LearnerHandler's si.setOwner(this))
            return new ForwardedWrite(new SessionContext(request.SessionId, auth) { Owner = request.Sid }, request.Xid, type, body);
        }
        catch (Exception e) when (e is JuteException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
