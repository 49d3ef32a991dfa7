using AkkaZk.Protocol;

namespace AkkaZk.Data.Prep;

/// <summary>CreateMode's predicates and fromFlag.</summary>
internal static class CreateModes
{
    public static bool IsKnown(int flags) => flags is >= 0 and <= 6;

    public static bool IsEphemeral(this CreateMode mode) => mode is CreateMode.Ephemeral or CreateMode.EphemeralSequential;

    public static bool IsSequential(this CreateMode mode) =>
        mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;

    public static bool IsContainer(this CreateMode mode) => mode == CreateMode.Container;

    public static bool IsTtl(this CreateMode mode) => mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;

    /// <summary>The opcode a multi's create op gets (MultiOperationRecord builds ops from the flags, not the wire type).</summary>
    public static OpCode MultiOpCode(CreateMode mode) =>
        mode.IsTtl() ? OpCode.CreateTtl : mode.IsContainer() ? OpCode.CreateContainer : OpCode.Create;

    /// <summary>Java's String.format("%010d", n): width 10 including the sign.</summary>
    public static string SequenceSuffix(int cversion) =>
        cversion >= 0
            ? cversion.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)
            : "-" + (-(long)cversion).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
}
