using System.Buffers.Binary;
using System.Text;

namespace AkkaZk.Clients;

/// <summary>
/// The four-letter words a new connection may send instead of a ConnectRequest (ZooKeeper's FourLetterCommands):
/// the 4 ASCII bytes read as the frame length int.
/// </summary>
public static class FourLetterCommands
{
    /// <summary>The commands this server answers.</summary>
    public static readonly IReadOnlyList<string> Known =
        ["ruok", "conf", "cons", "crst", "dump", "envi", "srvr", "stat", "srst", "wchs", "wchc", "wchp", "mntr", "isro", "dirs", "gtmk"];

    /// <summary>Telnet's interrupt-process sequence (IAC IP IAC DO): ZooKeeper closes the connection on it.</summary>
    public const int TelnetClose = unchecked((int)0xfff4fffd);

    private static readonly Dictionary<int, string> ByCode = Known.ToDictionary(Code);

    public static int Code(string command) => BinaryPrimitives.ReadInt32BigEndian(Encoding.ASCII.GetBytes(command));

    public static bool TryGet(int code, out string command) => ByCode.TryGetValue(code, out command!);
}
