namespace AkkaZk.Config;

using Akka.Configuration.Hocon;

/// <summary>Typed reads of one object inside a HOCON list (a server, a group, a weight).</summary>
internal sealed class HoconObjectReader
{
    private readonly HoconSettingReader reader;
    private readonly string path;
    private readonly Dictionary<string, HoconValue> items;

    public HoconObjectReader(HoconSettingReader reader, HoconValue value, string path)
    {
        this.reader = reader;
        this.path = path;
        items = value.IsObject() ? value.GetObject().Items : throw reader.Fail(path, "expected an object");
    }

    public string PathOf(string key) => $"{path}.{key}";

    public string? Optional(string key) =>
        items.TryGetValue(key, out var value)
            ? value.IsString() ? value.GetString() : throw reader.Fail(PathOf(key), "expected a single value")
            : null;

    public string String(string key) => Optional(key) ?? throw reader.Fail(PathOf(key), "is missing");

    public long Long(string key) => reader.Long(PathOf(key), String(key));

    public int Int(string key) => reader.Int(PathOf(key), String(key));

    public int? OptionalInt(string key) => Optional(key) is { } text ? reader.Int(PathOf(key), text) : null;

    public IReadOnlyList<long> LongList(string key)
    {
        if (!items.TryGetValue(key, out var value))
        {
            throw reader.Fail(PathOf(key), "is missing");
        }

        var list = value.IsArray() ? value.GetArray() : throw reader.Fail(PathOf(key), "expected a list");
        return list.Select((v, i) => reader.Long($"{PathOf(key)}[{i}]", v.IsString() ? v.GetString() : "")).ToList();
    }
}
