using AkkaZk.Clients;
using AkkaZk.Protocol;
using Xunit;
using static AkkaZk.Clients.PendingReplies;

namespace AkkaZk.Tests.Clients;

public sealed class PendingRepliesSpecs
{
    private static Outbound.Reply ReplyTo(int xid) => new(new ReplyHeader(xid, 1, ErrorCode.Ok), OpCode.GetData, null);

    private static Outbound.Notification Event(string path) => new(new WatcherEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, path));

    private static List<object> Written(PendingReplies pending) =>
        pending.TakeReady().Select(e => e.Frame switch
        {
            Outbound.Reply r => (object)r.Header.Xid,
            Outbound.Notification n => n.Event.Path,
            _ => "?",
        }).ToList();

    [Fact]
    public void Replies_leave_in_request_order_even_when_a_later_one_is_ready_first()
    {
        var pending = new PendingReplies();
        var first = pending.Add(new Entry(EntryKind.Submitted, 1, OpCode.GetData, 0));
        var second = pending.Add(new Entry(EntryKind.Submitted, 2, OpCode.GetData, 0));
        second.Frame = ReplyTo(2);
        Assert.Empty(Written(pending));
        first.Frame = ReplyTo(1);
        Assert.Equal([1, 2], Written(pending));
    }

    [Fact]
    public void A_notification_follows_replies_in_hand_and_earlier_notifications_but_precedes_pending_replies()
    {
        var pending = new PendingReplies();
        var ping = pending.Add(new Entry(EntryKind.Ping, Xids.Ping, OpCode.Ping, 0));
        var answered = pending.Add(new Entry(EntryKind.Submitted, 2, OpCode.GetData, 0));
        var waiting = pending.Add(new Entry(EntryKind.Submitted, 3, OpCode.GetData, 0));
        answered.Frame = ReplyTo(2);
        Assert.True(pending.TryQueueNotification(Event("/n1")));
        Assert.True(pending.TryQueueNotification(Event("/n2")));
        ping.Frame = ReplyTo(Xids.Ping);
        waiting.Frame = ReplyTo(3);
        Assert.Equal([Xids.Ping, 2, "/n1", "/n2", 3], Written(pending));
    }

    [Fact]
    public void A_notification_goes_straight_out_when_only_pending_requests_or_local_answers_wait()
    {
        var pending = new PendingReplies();
        pending.Add(new Entry(EntryKind.Submitted, 1, OpCode.GetData, 0));
        pending.Add(new Entry(EntryKind.Local, Xids.Auth, OpCode.Auth, 0)).Frame = ReplyTo(Xids.Auth);
        Assert.False(pending.TryQueueNotification(Event("/n")));
    }
}
