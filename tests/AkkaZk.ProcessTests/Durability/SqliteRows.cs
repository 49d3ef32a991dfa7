using AkkaZk.ProcessTests.Infrastructure;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>Row counts of a SQLite file's tables, read with python3's sqlite3 (read-only) so the tests need no SQLite package.</summary>
public static class SqliteRows
{
    private const string Script = """
        import sqlite3, sys
        db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
        for (name,) in db.execute("select name from sqlite_master where type='table'").fetchall():
            print(name, db.execute('select count(*) from "%s"' % name).fetchone()[0])
        """;

    public static async Task<IReadOnlyDictionary<string, int>> CountAsync(string file)
    {
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", ["-c", Script, file], TimeSpan.FromSeconds(30));
        if (!result.Succeeded)
            throw new InvalidOperationException($"cannot read {file}:\n{result.Describe()}");
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Rows of the first table whose name contains <paramref name="namePart"/> (Akka.Persistence.Sql's journal / snapshot tables).</summary>
    public static async Task<int> RowsAsync(string file, string namePart)
    {
        var counts = await CountAsync(file);
        var table = counts.Keys.FirstOrDefault(k => k.Contains(namePart, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"no table like '{namePart}' in {file}: {string.Join(", ", counts.Keys)}");
        return counts[table];
    }
}
