using AkkaZk.Protocol;

namespace AkkaZk.Clients;

/// <summary>The short op names cons shows as lop= (FinalRequestProcessor's lastOp).</summary>
public static class LastOperation
{
    public static string Of(OpCode type) => type switch
    {
        OpCode.Ping => "PING",
        OpCode.CreateSession => "SESS",
        OpCode.CloseSession => "CLOS",
        OpCode.Create or OpCode.Create2 or OpCode.CreateTtl or OpCode.CreateContainer => "CREA",
        OpCode.Delete or OpCode.DeleteContainer => "DELE",
        OpCode.SetData => "SETD",
        OpCode.SetAcl => "SETA",
        OpCode.Sync => "SYNC",
        OpCode.Check => "CHEC",
        OpCode.Multi => "MULT",
        OpCode.MultiRead => "MLTR",
        OpCode.Reconfig => "RECO",
        OpCode.Exists => "EXIS",
        OpCode.GetData => "GETD",
        OpCode.GetAcl => "GETA",
        OpCode.GetChildren or OpCode.GetChildren2 => "GETC",
        OpCode.GetAllChildrenNumber => "GETACN",
        OpCode.GetEphemerals => "GETE",
        OpCode.SetWatches => "SETW",
        OpCode.SetWatches2 => "STW2",
        OpCode.AddWatch => "ADDW",
        OpCode.CheckWatches => "CHKW",
        OpCode.RemoveWatches => "REMW",
        OpCode.WhoAmI => "HOMI",
        OpCode.Auth => "AUTH",
        _ => "NA",
    };
}
