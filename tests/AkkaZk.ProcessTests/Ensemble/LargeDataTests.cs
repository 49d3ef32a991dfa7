using AkkaZk.ProcessTests.Durability;
using Xunit;

namespace AkkaZk.ProcessTests.Ensemble;

/// <summary>
/// Writes near jute.maxbuffer (1 MB by default) travel between servers whole: forwarded by a follower, proposed to
/// every follower, and replayed to a follower that missed them (DIFF sync).
/// </summary>
public sealed class LargeDataTests
{
    private const int NearMaxBuffer = 1_000_000;

    [Fact]
    public async Task Near_megabyte_writes_through_a_follower_reach_every_server_and_a_restarted_follower_catches_up()
    {
        await using var ensemble = await AkkaZkEnsemble.StartAsync("large");
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = (leader + 1) % ensemble.Count;
        var other = (leader + 2) % ensemble.Count;
        var big = Payload(NearMaxBuffer, 1);

        await using (var client = await EnsembleReads.ConnectDirectAsync(ensemble.Ports[follower].Client))
        {
            await client.CreateAsync("/large", big);
            await ensemble.KillAsync(other);
            await client.SetAsync("/large", System.Text.Encoding.Latin1.GetString(Payload(NearMaxBuffer, 2)));
            await client.CreateAsync("/large-2", Payload(NearMaxBuffer, 3));
            await client.CloseSessionAsync();
        }
        await ensemble.RestartAsync(other);
        await ensemble.WaitForLeaderAsync();

        for (var i = 0; i < ensemble.Count; i++)
        {
            await using var reader = await EnsembleReads.ConnectDirectAsync(ensemble.Ports[i].Client);
            await reader.SyncAsync();
            var first = await reader.GetAsync("/large");
            var second = await reader.GetAsync("/large-2");
            Assert.True(first is not null && first.Data.AsSpan().SequenceEqual(Payload(NearMaxBuffer, 2)) && first.Stat.Version == 1,
                $"server {i + 1}: /large is not the second payload (version {first?.Stat.Version})\n{ensemble.Diagnostics()}");
            Assert.True(second is not null && second.Data.AsSpan().SequenceEqual(Payload(NearMaxBuffer, 3)),
                $"server {i + 1}: /large-2 is missing or differs\n{ensemble.Diagnostics()}");
            await reader.CloseSessionAsync();
        }
    }

    /// <summary>Printable bytes in a pattern that differs by <paramref name="seed"/>.</summary>
    private static byte[] Payload(int length, int seed) =>
        Enumerable.Range(0, length).Select(i => (byte)(0x21 + (i * seed + seed) % 90)).ToArray();
}
