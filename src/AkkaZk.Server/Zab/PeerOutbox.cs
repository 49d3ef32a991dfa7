using Akka.Actor;

namespace AkkaZk.Zab;

/// <summary>
/// What one actor sends one peer, coalesced. Under load the leader proposes many txns, and a follower acknowledges
/// and forwards many writes, between two turns of its mailbox; each Akka.Remote message costs an envelope, a
/// serialization and a socket write, so the messages queued meanwhile leave together as one <see cref="PeerBatch"/>.
/// The owner flushes when a message it sent itself comes round (<see cref="FlushPeers"/>), so a lone message waits
/// only for the messages already in the mailbox; <see cref="SendNow"/> sends at once what must not wait. Every
/// message to the peer goes through the outbox, so none overtakes those pending and the order is Zab's FIFO channel.
/// </summary>
internal sealed class PeerOutbox(IActorRef peer, IActorRef owner)
{
    /// <summary>Well under the smallest Akka.Remote frame limit (128,000 bytes) with its envelope.</summary>
    public const int MaxBatchBytes = 64 * 1024;

    public const int MaxBatchMessages = 256;

    private readonly List<IPeerMessage> _pending = [];
    private int _pendingBytes;
    private bool _flushRequested;

    public IActorRef Peer { get; } = peer;

    public void Send(IPeerMessage message)
    {
        var size = PeerMessageSerializer.BatchedSize(message);
        if (_pending.Count > 0 && _pendingBytes + size > MaxBatchBytes)
            Flush();
        _pending.Add(message);
        _pendingBytes += size;
        if (_pending.Count >= MaxBatchMessages || _pendingBytes >= MaxBatchBytes)
        {
            Flush();
        }
        else if (!_flushRequested)
        {
            _flushRequested = true;
            owner.Tell(FlushPeers.Instance);
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> now, behind what is pending, instead of at the end of the owner's turn: for a
    /// message whose delay others can see (the leader's COMMIT, which a client reading on another server waits for).
    /// </summary>
    public void SendNow(IPeerMessage message)
    {
        Send(message);
        Flush();
    }

    /// <summary>Sends what is pending: one message as itself, several as a batch.</summary>
    public void Flush()
    {
        _flushRequested = false;
        if (_pending.Count == 0)
            return;
        Peer.Tell(_pending.Count == 1 ? _pending[0] : new PeerBatch([.. _pending]), owner);
        _pending.Clear();
        _pendingBytes = 0;
    }
}

/// <summary>The owner of <see cref="PeerOutbox"/>es sends itself this to flush them once its queued messages are handled.</summary>
internal sealed class FlushPeers
{
    public static readonly FlushPeers Instance = new();

    private FlushPeers()
    {
    }
}
