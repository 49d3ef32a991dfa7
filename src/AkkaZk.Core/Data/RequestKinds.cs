using AkkaZk.Protocol;

namespace AkkaZk.Data;

/// <summary>Which requests go through <see cref="ZkDatabase.Prepare"/> and which through <see cref="ZkDatabase.Read"/>.</summary>
public static class RequestKinds
{
    /// <summary>Request.isQuorum: the types that become txns (prepared by the leader, logged, applied everywhere).</summary>
    public static bool IsWrite(OpCode type) => type is OpCode.Create or OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer
        or OpCode.Delete or OpCode.DeleteContainer or OpCode.SetData or OpCode.SetAcl or OpCode.Reconfig or OpCode.Multi
        or OpCode.Check or OpCode.CreateSession or OpCode.CloseSession;

    /// <summary>The types <see cref="ZkDatabase.Read"/> serves from the local tree.</summary>
    public static bool IsRead(OpCode type) => type is OpCode.Exists or OpCode.GetData or OpCode.GetChildren or OpCode.GetChildren2
        or OpCode.GetAcl or OpCode.GetAllChildrenNumber or OpCode.GetEphemerals or OpCode.MultiRead or OpCode.CheckWatches
        or OpCode.RemoveWatches or OpCode.AddWatch or OpCode.SetWatches or OpCode.SetWatches2 or OpCode.WhoAmI or OpCode.Sync;
}
