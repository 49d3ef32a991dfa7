namespace AkkaZk.Cli.Shell;

/// <summary>zkCli.sh's command synopses, printed on a usage error and (all of them) for an unknown command.</summary>
public static class ShellUsage
{
    public static readonly IReadOnlyDictionary<string, string> Synopsis = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["addWatch"] = "addWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE",
        ["addauth"] = "addauth scheme auth",
        ["close"] = "close ",
        ["config"] = "config [-c] [-w] [-s]",
        ["connect"] = "connect host:port",
        ["create"] = "create [-s] [-e] [-c] [-t ttl] path [data] [acl]",
        ["delete"] = "delete [-v version] path",
        ["deleteall"] = "deleteall path [-b batch size]",
        ["delquota"] = "delquota [-n|-b|-N|-B] path",
        ["get"] = "get [-s] [-w] path",
        ["getAcl"] = "getAcl [-s] path",
        ["getAllChildrenNumber"] = "getAllChildrenNumber path",
        ["getEphemerals"] = "getEphemerals path",
        ["history"] = "history ",
        ["listquota"] = "listquota path",
        ["ls"] = "ls [-s] [-w] [-R] path",
        ["printwatches"] = "printwatches on|off",
        ["quit"] = "quit ",
        ["reconfig"] = "reconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]",
        ["redo"] = "redo cmdno",
        ["removewatches"] = "removewatches path [-c|-d|-a] [-l]",
        ["set"] = "set [-s] [-v version] path data",
        ["setAcl"] = "setAcl [-s] [-v version] [-R] path acl",
        ["setquota"] = "setquota -n|-b|-N|-B val path",
        ["stat"] = "stat [-w] path",
        ["sync"] = "sync path",
        ["version"] = "version ",
        ["whoami"] = "whoami ",
    };

    /// <summary>zkCli commands this shell does not run (quotas, dynamic reconfiguration, redo).</summary>
    public static readonly IReadOnlySet<string> NotSupported = new HashSet<string> { "config", "delquota", "listquota", "reconfig", "redo", "setquota" };

    public static IEnumerable<string> CommandNames => Synopsis.Keys.Where(k => !NotSupported.Contains(k));

    /// <summary>ZooKeeperMain.usage: the header line, then every command indented by a tab.</summary>
    public static string All() =>
        "ZooKeeper -server host:port -client-configuration properties-file cmd args\n" +
        string.Concat(Synopsis.Values.Select(s => "\t" + s + "\n"));
}
