using AkkaZk.ProcessTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AkkaZk.ProcessTests.Durability;

/// <summary>
/// A damaged txn log or snapshot store, or a data dir that cannot be written: the node must refuse to start
/// (non-zero exit, a message naming the file) rather than serve an empty or partial tree.
/// </summary>
public sealed class BadDataTests(ITestOutputHelper output)
{
    /// <summary>GarbageHeader and TruncatedToHalf fail when the file is opened; GarbledPages (page 1 intact) only when it is read.</summary>
    public enum Damage { GarbageHeader, TruncatedToHalf, GarbledPages }

    [Theory]
    [InlineData("txnlog.db", Damage.GarbageHeader)]
    [InlineData("txnlog.db", Damage.TruncatedToHalf)]
    [InlineData("snapshots.db", Damage.GarbageHeader)]
    [InlineData("snapshots.db", Damage.TruncatedToHalf)]
    [InlineData("txnlog.db", Damage.GarbledPages)]
    [InlineData("snapshots.db", Damage.GarbledPages)]
    public async Task Damaged_database_file_stops_the_start_with_a_message_naming_it(string file, Damage damage)
    {
        var node = await AkkaZkNode.StartAsync("damaged", new ServerSettings(["snapCount=100"], new Dictionary<string, string>()));
        try
        {
            await using (var writer = await ZkOps.ConnectAsync(node))
            {
                await writer.CreateAsync("/data", "");
                for (var batch = 0; batch < 8; batch++)
                    await Task.WhenAll(Enumerable.Range(batch * 50, 50).Select(i => writer.CreateAsync($"/data/n-{i}", new string('v', 500))));
                await writer.CloseSessionAsync();
            }
            Assert.Equal(0, await node.StopAsync(TimeSpan.FromSeconds(10)));
            var path = Path.Combine(node.DataDir, file);
            Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0,
                $"{file}-wal still holds data after a clean stop; damaging {file} alone would not reach it");
            Corrupt(path, damage);
            var damaged = await File.ReadAllBytesAsync(path);

            var result = await AkkaZkTool.RunAsync(node.Arguments, TimeSpan.FromSeconds(90));
            output.WriteLine($"exit code {result.ExitCode} after {result.Elapsed.TotalSeconds:F1}s; stderr:\n{result.StdErr}");

            Assert.False(result.TimedOut, "the node hung on a damaged database instead of refusing to start\n" + result.Describe());
            Assert.True(result.ExitCode != 0, $"exit code 0 on a damaged {file}\n" + result.Describe());
            Assert.Contains(file, result.StdErr);
            Assert.DoesNotContain("node started", result.StdOut + result.StdErr);
            Assert.Equal(damaged, await File.ReadAllBytesAsync(path)); // not repaired or recreated behind the operator's back

            // the offline tool that reads that file fails on it too, rather than hanging or printing an empty log
            // (txnlog dump reads the journal only, as TxnLogToolkit reads a log file; snapshot dump reads the snapshots)
            var tool = file == "snapshots.db" ? "snapshot" : "txnlog";
            var dump = await AkkaZkTool.RunAsync([tool, "dump", node.DataDir], TimeSpan.FromSeconds(60));
            output.WriteLine($"{tool} dump: exit code {dump.ExitCode} after {dump.Elapsed.TotalSeconds:F1}s; stderr:\n{dump.StdErr}");
            Assert.False(dump.TimedOut, $"{tool} dump hung on a damaged database\n" + dump.Describe());
            Assert.True(dump.ExitCode != 0, dump.Describe());
            Assert.Contains(file, dump.StdErr);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unwritable_data_dir_stops_the_start_with_a_message_naming_it()
    {
        using var home = new TempDir("unwritable");
        var locked = home.Sub("locked");
        var dataDir = Path.Combine(locked, "data");
        var ports = FreePort.Take(2);
        var config = Path.Combine(home.Path, "zoo.cfg");
        await File.WriteAllTextAsync(config, AkkaZkNode.ZooCfg(dataDir, ports[0], ports[1], []));
        await MakeUnwritableAsync(locked);
        try
        {
            var result = await AkkaZkTool.RunAsync([config], TimeSpan.FromSeconds(60));

            Assert.False(result.TimedOut, result.Describe());
            Assert.True(result.ExitCode != 0, result.Describe());
            Assert.Contains(dataDir, result.StdErr);
            Assert.Contains("not writable", result.StdErr);
            Assert.Null(await FourLetterWords.AskAsync(ports[0], "ruok", TimeSpan.FromSeconds(1)));
        }
        finally
        {
            await ProcessRunner.RunAsync("chattr", ["-i", locked], TimeSpan.FromSeconds(10));
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>chmod 555; as root (who ignores modes) also chattr +i. Fails, never skips, if neither works.</summary>
    private static async Task MakeUnwritableAsync(string dir)
    {
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
            UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (!IsWritable(dir))
            return;
        var chattr = await ProcessRunner.RunAsync("chattr", ["+i", dir], TimeSpan.FromSeconds(10));
        if (!IsWritable(dir))
            return;
        throw new InvalidOperationException(
            $"cannot make {dir} unwritable for this test (running as root, chattr +i did not help):\n{chattr.Describe()}");
    }

    private static bool IsWritable(string dir)
    {
        try
        {
            var probe = Path.Combine(dir, "probe");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Corrupt(string path, Damage damage)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        switch (damage)
        {
            case Damage.GarbageHeader:
                stream.Write(Enumerable.Range(0, 100).Select(i => (byte)(0xa5 ^ i)).ToArray());
                break;
            case Damage.TruncatedToHalf:
                Assert.True(stream.Length >= 4 * 4096, $"{path} is only {stream.Length} bytes: too small to truncate meaningfully");
                stream.SetLength(stream.Length / 2 / 4096 * 4096);
                break;
            case Damage.GarbledPages:
                var pageSize = 4096;
                Assert.True(stream.Length >= 3 * pageSize, $"{path} is only {stream.Length} bytes");
                stream.Position = pageSize;
                var garbage = new byte[stream.Length - pageSize];
                new Random(42).NextBytes(garbage);
                stream.Write(garbage);
                break;
        }
    }
}
