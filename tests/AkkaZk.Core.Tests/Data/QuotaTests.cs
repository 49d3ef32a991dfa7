using System.Text;
using AkkaZk.Data;
using AkkaZk.Protocol;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class QuotaTests
{
    private readonly ZkHarness _zk = new();

    private string StatsOf(string path) =>
        Encoding.UTF8.GetString(((GetDataResponse)_zk.Read(OpCode.GetData, new GetDataRequest($"/zookeeper/quota{path}/zookeeper_stats", false)).Response!).Data);

    /// <summary>What zkCli's setquota sends: the quota node, its limits, then its stats.</summary>
    private void SetQuota(string path, string limits)
    {
        _zk.Create("/zookeeper/quota" + path);
        _zk.Create($"/zookeeper/quota{path}/zookeeper_limits", Encoding.UTF8.GetBytes(limits));
        _zk.Create($"/zookeeper/quota{path}/zookeeper_stats", Encoding.UTF8.GetBytes("count=0,bytes=0"));
    }

    [Fact]
    public void Quota_stats_follow_the_subtree_as_in_ZooKeeper()
    {
        // The same steps through zkCli against ZooKeeper 3.8.0 leave "count=2,bytes=10".
        _zk.Create("/qa", Encoding.UTF8.GetBytes("abc"));
        _zk.Create("/qa/x", Encoding.UTF8.GetBytes("12345"));
        SetQuota("/qa", "count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1");
        Assert.Equal("count=2,bytes=8", StatsOf("/qa"));
        _zk.Create("/qa/y", Encoding.UTF8.GetBytes("1"));
        _zk.SetData("/qa/x", Encoding.UTF8.GetBytes("1234567"));
        _zk.Delete("/qa/y");
        Assert.Equal("count=2,bytes=10", StatsOf("/qa"));
        Assert.Equal(["/qa"], _zk.Db.Tree.QuotaPaths);
    }

    [Fact]
    public void Rewriting_stats_does_not_change_the_stat_nodes_version()
    {
        _zk.Create("/qa");
        SetQuota("/qa", "count=5,bytes=-1");
        var before = _zk.StatOf("/zookeeper/quota/qa/zookeeper_stats");
        _zk.Create("/qa/x");
        var after = _zk.StatOf("/zookeeper/quota/qa/zookeeper_stats");
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Mzxid, after.Mzxid);
        Assert.Equal("count=2,bytes=0", StatsOf("/qa"));
    }

    [Fact]
    public void The_deepest_quota_counts_and_deleting_limits_stops_counting()
    {
        _zk.Create("/a");
        _zk.Create("/a/b");
        SetQuota("/a", "count=10,bytes=-1");
        _zk.Create("/zookeeper/quota/a/b");
        _zk.Create("/zookeeper/quota/a/b/zookeeper_limits", Encoding.UTF8.GetBytes("count=10,bytes=-1"));
        _zk.Create("/zookeeper/quota/a/b/zookeeper_stats", Encoding.UTF8.GetBytes("count=0,bytes=0"));
        _zk.Create("/a/b/c", [1, 2]);
        Assert.Equal("count=2,bytes=2", StatsOf("/a/b"));
        Assert.Equal("count=2,bytes=0", StatsOf("/a"));
        _zk.Delete("/zookeeper/quota/a/b/zookeeper_limits");
        _zk.Create("/a/b/d", [1]);
        Assert.Equal("count=3,bytes=1", StatsOf("/a"));
    }

    [Fact]
    public void Quotas_are_rebuilt_and_recounted_after_a_snapshot_load()
    {
        _zk.Create("/qa", [1, 2, 3]);
        SetQuota("/qa", "count=5,bytes=-1");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        _zk.Db.WriteSnapshot(new AkkaZk.Jute.JuteWriter(buffer));
        var copy = new ZkDatabase(new DatabaseOptions());
        var reader = new AkkaZk.Jute.JuteReader(buffer.WrittenSpan);
        copy.LoadSnapshot(ref reader, _zk.Zxid);
        Assert.Equal(["/qa"], copy.Tree.QuotaPaths);
        Assert.Equal("count=1,bytes=3", Encoding.UTF8.GetString(copy.Tree.GetNode("/zookeeper/quota/qa/zookeeper_stats")!.Data!));
    }
}
