using System.Text;

namespace AkkaZk.Cli.Shell;

/// <summary>
/// A small line editor on Console.ReadKey: left/right, home/end, backspace/delete, up/down through the session's
/// history, Tab completing command names (first word) and znode paths (words starting with /).
/// </summary>
public sealed class LineEditor(ZkShell shell)
{
    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        var line = new StringBuilder();
        var cursor = 0;
        var historyIndex = shell.History.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = line.Length;
                    break;
                case ConsoleKey.UpArrow when historyIndex > 0:
                    Replace(line, shell.History[--historyIndex], ref cursor);
                    break;
                case ConsoleKey.DownArrow when historyIndex < shell.History.Count:
                    historyIndex++;
                    Replace(line, historyIndex < shell.History.Count ? shell.History[historyIndex] : "", ref cursor);
                    break;
                case ConsoleKey.Tab:
                    cursor = Complete(line, cursor);
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                        line.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw(prompt, line, cursor);
        }
    }

    private static void Replace(StringBuilder line, string text, ref int cursor)
    {
        line.Clear().Append(text);
        cursor = line.Length;
    }

    private static void Redraw(string prompt, StringBuilder line, int cursor)
    {
        Console.Write("\r\u001b[K" + prompt + line);
        var back = line.Length - cursor;
        if (back > 0)
            Console.Write($"\u001b[{back}D");
    }

    /// <summary>Completes the word before the cursor; several candidates are listed below and their common prefix kept.</summary>
    private int Complete(StringBuilder line, int cursor)
    {
        var text = line.ToString(0, cursor);
        var start = text.LastIndexOf(' ') + 1;
        var word = text[start..];
        var candidates = Candidates(word, start == 0);
        if (candidates.Count == 0)
            return cursor;
        var completion = candidates.Count == 1 ? candidates[0] + (start == 0 ? " " : "") : CommonPrefix(candidates);
        if (candidates.Count > 1)
        {
            Console.WriteLine();
            Console.WriteLine(string.Join("  ", candidates));
        }
        line.Remove(start, word.Length).Insert(start, completion);
        return start + completion.Length;
    }

    private List<string> Candidates(string word, bool firstWord)
    {
        if (firstWord)
            return ShellUsage.CommandNames.Where(c => c.StartsWith(word, StringComparison.Ordinal)).ToList();
        if (!word.StartsWith('/'))
            return [];
        var slash = word.LastIndexOf('/');
        var parent = slash == 0 ? "/" : word[..slash];
        var prefix = word[(slash + 1)..];
        try
        {
            var children = shell.ChildrenAsync(parent).GetAwaiter().GetResult();
            return children.Where(c => c.StartsWith(prefix, StringComparison.Ordinal))
                .Select(c => (parent == "/" ? "/" : parent + "/") + c).ToList();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return [];
        }
    }

    public static string CommonPrefix(IReadOnlyList<string> words)
    {
        var prefix = words[0];
        foreach (var w in words.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < w.Length && prefix[n] == w[n])
                n++;
            prefix = prefix[..n];
        }
        return prefix;
    }
}
