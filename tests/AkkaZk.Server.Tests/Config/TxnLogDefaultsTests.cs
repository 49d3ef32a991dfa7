using AkkaZk.Config;
using AkkaZk.TxnLog;
using Xunit;

namespace AkkaZk.Tests.Config;

public sealed class TxnLogDefaultsTests
{
    [Theory]
    [InlineData("plugin")]
    [InlineData("postgresql.connection-string")]
    [InlineData("postgresql.schema")]
    [InlineData("snapshot-compression")]
    [InlineData("persistence-id")]
    [InlineData("recovery-chunk-size")]
    [InlineData("group-commit")]
    [InlineData("sqlite-writer")]
    public void Reference_conf_and_the_txn_log_agree_on_each_default(string key)
    {
        var reference = ReferenceConfig.Load().GetString($"akkazk.txn-log.{key}");
        var own = TxnLogSettings.DefaultConfig().GetString($"akkazk.txn-log.{key}");
        Assert.Equal(own, reference);
    }
}
