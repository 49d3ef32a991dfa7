using System.Text;

namespace AkkaZk.Cli.Shell;

/// <summary>
/// One shell line split as zkCli's MyCommandOptions does (whitespace, with "double" or 'single' quoted words), and
/// the options of one command picked out as commons-cli does: flags anywhere, some taking a value.
/// </summary>
public sealed class ShellArgs
{
    private readonly HashSet<char> _flags = [];
    private readonly Dictionary<char, string> _values = [];

    public IReadOnlyList<string> Positional { get; }

    public string? Error { get; }

    private ShellArgs(IReadOnlyList<string> positional, string? error)
    {
        Positional = positional;
        Error = error;
    }

    public bool Has(char flag) => _flags.Contains(flag) || _values.ContainsKey(flag);

    public string? Value(char flag) => _values.GetValueOrDefault(flag);

    public static IReadOnlyList<string> Tokenize(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(current.ToString());
        return words;
    }

    /// <summary>Parses the words after the command name; <paramref name="flags"/> and <paramref name="valued"/> are option letters.</summary>
    public static ShellArgs Parse(IReadOnlyList<string> words, string flags, string valued)
    {
        var positional = new List<string>();
        var args = new ShellArgs(positional, null);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length == 2 && word[0] == '-' && !char.IsDigit(word[1]))
            {
                var letter = word[1];
                if (valued.Contains(letter))
                {
                    if (i + 1 >= words.Count)
                        return new ShellArgs(positional, $"Missing argument for option: {letter}");
                    args._values[letter] = words[++i];
                    continue;
                }
                if (flags.Contains(letter))
                {
                    args._flags.Add(letter);
                    continue;
                }
                return new ShellArgs(positional, $"Unrecognized option: {word}");
            }
            positional.Add(word);
        }
        var result = new ShellArgs(positional, null);
        foreach (var f in args._flags)
            result._flags.Add(f);
        foreach (var (k, v) in args._values)
            result._values[k] = v;
        return result;
    }
}
