namespace AkkaZk.Config;

using System.Globalization;
using Akka.Configuration.Hocon;
using HoconConfig = Akka.Configuration.Config;

/// <summary>Typed reads of <c>akkazk.*</c> values; a bad value becomes a ConfigException naming file and key.</summary>
internal sealed class HoconSettingReader(HoconConfig config, string fileName)
{
    public string FileName => fileName;

    public static string PathOf(string key) => $"{HoconKeys.Root}.{key}";

    public ConfigException Fail(string path, string problem) => new(fileName, null, path, problem);

    public string String(string key)
    {
        var path = PathOf(key);
        var value = Value(path);
        return value.IsString() ? value.GetString() : throw Fail(path, "expected a string");
    }

    public long Long(string key) => Long(PathOf(key), String(key));

    public int Int(string key) => Int(PathOf(key), String(key));

    public bool Bool(string key) => Bool(PathOf(key), String(key));

    public long Long(string path, string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Fail(path, $"'{text}' is not a number");

    public int Int(string path, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Fail(path, $"'{text}' is not a number");

    // HOCON's boolean spellings
    public bool Bool(string path, string text) =>
        text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Fail(path, $"'{text}' is not true or false"),
        };

    public IReadOnlyList<string> StringList(string key)
    {
        var path = PathOf(key);
        return Array(path).Select((v, i) => v.IsString() ? v.GetString() : throw Fail($"{path}[{i}]", "expected a string")).ToList();
    }

    public IReadOnlyList<HoconValue> Array(string path)
    {
        var value = Value(path);
        if (value.IsArray())
        {
            return value.GetArray().ToList();
        }

        // Akka's HOCON reports an empty list as neither array, string nor object
        return !value.IsString() && !value.IsObject() && value.GetArray() is { Count: 0 }
            ? []
            : throw Fail(path, "expected a list");
    }

    /// <summary>An object of string values (e.g. <c>zookeeper { "foo.bar" = "x" }</c>), keys as written.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var path = PathOf(key);
        var value = Value(path);
        if (!value.IsObject())
        {
            throw Fail(path, "expected an object");
        }

        return value.GetObject().Items.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.IsString() ? kv.Value.GetString() : throw Fail($"{path}.\"{kv.Key}\"", "expected a string"),
            StringComparer.Ordinal);
    }

    private HoconValue Value(string path)
    {
        HoconValue? value;
        try
        {
            value = config.GetValue(path);
        }
        catch (Exception e)
        {
            throw Fail(path, e.Message);
        }

        return value ?? throw Fail(path, "is missing");
    }
}
