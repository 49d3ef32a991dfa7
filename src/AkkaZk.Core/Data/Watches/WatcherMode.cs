namespace AkkaZk.Data.Watches;

/// <summary>How a watch behaves when it fires (ZooKeeper's WatcherMode).</summary>
public enum WatcherMode
{
    /// <summary>Fires once, then is gone (getData/exists/getChildren watches).</summary>
    Standard,

    /// <summary>addWatch mode 0: stays after firing, node-only.</summary>
    Persistent,

    /// <summary>addWatch mode 1: stays, and fires for every descendant except NodeChildrenChanged.</summary>
    PersistentRecursive,
}
