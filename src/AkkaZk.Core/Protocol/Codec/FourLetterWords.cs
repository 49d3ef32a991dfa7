using System.Collections.Frozen;

namespace AkkaZk.Protocol.Codec;

/// <summary>
/// Four-letter admin words: on a new connection ZooKeeper reads the first 4 bytes as the frame length; if they
/// spell a known command (FourLetterCommands.isKnown) it answers in plain text and closes. Recognition only.
/// </summary>
public static class FourLetterWords
{
    /// <summary>The commands ZooKeeper 3.8 knows.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "ruok", "conf", "cons", "crst", "dump", "envi", "srvr", "stat", "srst",
        "wchs", "wchc", "wchp", "mntr", "isro", "dirs", "gtmk", "stmk", "hash",
    ];

    /// <summary>Telnet's "interrupt process" sequence (IAC IP IAC DO), which ZooKeeper also treats as a command: close.</summary>
    public const int TelnetClose = unchecked((int)0xfff4fffd);

    private static readonly FrozenDictionary<int, string> ByCode = All.ToFrozenDictionary(ToInt);

    /// <summary>True when <paramref name="firstInt"/> (the first 4 bytes, big-endian) is a known four-letter word.</summary>
    public static bool TryParse(int firstInt, out string word)
    {
        if (ByCode.TryGetValue(firstInt, out var found))
        {
            word = found;
            return true;
        }
        word = string.Empty;
        return false;
    }

    /// <summary>The int a command's ASCII letters make when read as a big-endian length.</summary>
    public static int ToInt(string word)
    {
        if (word.Length != 4)
            throw new ArgumentException("a four-letter word has four letters", nameof(word));
        return (word[0] << 24) | (word[1] << 16) | (word[2] << 8) | word[3];
    }
}
