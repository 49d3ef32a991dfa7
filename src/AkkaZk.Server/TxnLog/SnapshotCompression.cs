namespace AkkaZk.TxnLog;

/// <summary>How snapshot data is stored; each stored snapshot says which, so the setting may change between runs.</summary>
public enum SnapshotCompression
{
    None = 0,
    Gzip = 1,
}

/// <summary>Which Akka.Persistence.Sql backend holds the txn log.</summary>
public enum TxnLogPlugin
{
    Sqlite,
    PostgreSql,
}
