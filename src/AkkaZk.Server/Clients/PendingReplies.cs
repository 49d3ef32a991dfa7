using AkkaZk.Protocol;

namespace AkkaZk.Clients;

/// <summary>
/// One connection's requests in arrival order, each waiting for its reply. Replies leave strictly in that order
/// (ZooKeeper's FIFO client order): a ping is answered after the replies of the requests before it, and a watch
/// notification goes out after every reply already received but before those still pending.
/// </summary>
internal sealed class PendingReplies
{
    private readonly LinkedList<Entry> _entries = new();

    public int Count => _entries.Count;

    public int RequestCount => _entries.Count(e => e.IsRequest);

    public Entry? Head => _entries.First?.Value;

    public Entry Add(Entry entry)
    {
        _entries.AddLast(entry);
        return entry;
    }

    /// <summary>The oldest request still waiting for the data tree (data-tree replies arrive in submit order).</summary>
    public Entry? OldestSubmitted()
    {
        foreach (var entry in _entries)
            if (entry.Kind == EntryKind.Submitted && entry.Frame is null)
                return entry;
        return null;
    }

    /// <summary>
    /// Places a notification behind every reply already in hand. Returns false when no reply is waiting to be written,
    /// i.e. the notification may go straight to the wire.
    /// </summary>
    public bool TryQueueNotification(Outbound.Notification notification)
    {
        LinkedListNode<Entry>? lastReady = null;
        for (var node = _entries.First; node is not null; node = node.Next)
            if (node.Value.Frame is not null)
                lastReady = node;
        if (lastReady is null)
            return false;
        _entries.AddAfter(lastReady, new Entry(EntryKind.Notification, 0, OpCode.Notification, 0) { Frame = notification });
        return true;
    }

    /// <summary>Removes and yields the ready entries at the front, in order.</summary>
    public IEnumerable<Entry> TakeReady()
    {
        while (_entries.First is { Value.Frame: not null } node)
        {
            _entries.RemoveFirst();
            yield return node.Value;
        }
    }

    public enum EntryKind
    {
        /// <summary>Sent to the data tree; completed by its Reply.</summary>
        Submitted,

        /// <summary>A ping; completed by the data tree's LastZxid once it reaches the head.</summary>
        Ping,

        /// <summary>Answered by the connection itself (auth, unknown opcode).</summary>
        Local,

        Notification,
    }

    public sealed class Entry(EntryKind kind, int xid, OpCode type, long receivedAt)
    {
        public EntryKind Kind { get; } = kind;
        public int Xid { get; } = xid;
        public OpCode Type { get; } = type;
        public long ReceivedAt { get; } = receivedAt;

        /// <summary>The frame to write once known; null while the reply is pending.</summary>
        public Outbound? Frame { get; set; }

        /// <summary>A ping whose LastZxid question is out.</summary>
        public bool Asked { get; set; }

        /// <summary>The connection closes after this entry's frame is written.</summary>
        public bool CloseAfter { get; set; }

        public bool IsRequest => Kind != EntryKind.Notification;
    }
}
