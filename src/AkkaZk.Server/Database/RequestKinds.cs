using AkkaZk.Protocol;

namespace AkkaZk.Database;

/// <summary>Which requests change the tree (go through prep → txn-log → apply) and which are answered from it.</summary>
public static class RequestKinds
{
    /// <summary>ZooKeeper's txn-producing request types (PrepRequestProcessor.pRequest).</summary>
    public static bool IsWrite(OpCode type) => type switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl
            or OpCode.Delete or OpCode.DeleteContainer or OpCode.SetData or OpCode.SetAcl
            or OpCode.Multi or OpCode.Check or OpCode.Reconfig or OpCode.CloseSession => true,
        _ => false,
    };
}
