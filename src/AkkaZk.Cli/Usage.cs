using System.Reflection;

namespace AkkaZk.Cli;

internal static class Usage
{
    public static string Version =>
        typeof(Usage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public const string Text = """
        Usage: akkazk [-Dname=value ...] <zoo.cfg | node.conf>   start a node in the foreground
               akkazk convert <zoo.cfg>                          print the equivalent HOCON
               akkazk txnlog dump <zoo.cfg | dataDir>            print every txn of the log (TxnLogToolkit)
               akkazk snapshot dump <zoo.cfg | dataDir>          print the latest snapshot (SnapshotFormatter)
               akkazk purge <dataDir> [<dataLogDir>] -n N        keep N snapshots, drop what they cover (zkCleanup.sh)
               akkazk status <host:port>                         mode, zxid, connections, latency, znodes of a node
                                                                 (its admin server port or its client port)
               akkazk cluster <host:port>                        the ensemble a node belongs to
               akkazk shell <host:port>[/chroot] [cmd args...]   zkCli.sh: one command, stdin's lines, or a prompt
               akkazk version                                    print the version
               akkazk --help                                     this text

        A file ending in .conf is HOCON; anything else is read as a ZooKeeper zoo.cfg.
        -Dname=value arguments are ZooKeeper's Java system properties (as in JVMFLAGS), e.g.
          -Dzookeeper.snapCount=10000 -Dreadonlymode.enabled=true
          -Dzookeeper.DigestAuthenticationProvider.superDigest=super:<base64 sha1>

        """;
}
