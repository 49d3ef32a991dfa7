using System.Globalization;

namespace AkkaZk.Zab;

/// <summary>
/// ZooKeeper's acceptedEpoch and currentEpoch files in dataDir: the epoch a server promised in discovery and the
/// one it joined after sync. Written through a temp file, fsynced and renamed, so a crash leaves the old or the new value.
/// </summary>
public sealed class EpochFiles(string dataDir)
{
    public const string Accepted = "acceptedEpoch";
    public const string Current = "currentEpoch";

    /// <summary>The stored epoch, or <paramref name="fallback"/> (the epoch of the last zxid) when the file does not exist yet.</summary>
    public long Read(string name, long fallback)
    {
        var path = Path.Combine(dataDir, name);
        if (!File.Exists(path))
            return fallback;
        var text = File.ReadAllText(path).Trim();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? epoch
            : throw new InvalidDataException($"{path} does not hold an epoch number: '{text}'");
    }

    public void Write(string name, long epoch)
    {
        var path = Path.Combine(dataDir, name);
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(epoch.ToString(CultureInfo.InvariantCulture));
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
