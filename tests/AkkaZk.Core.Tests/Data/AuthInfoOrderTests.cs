using AkkaZk.Data;
using AkkaZk.Data.Auth;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class AuthInfoOrderTests
{
    [Fact]
    public void Ids_come_out_in_the_order_of_zookeepers_concurrent_hash_map_backed_set()
    {
        // Added in this order to Collections.newSetFromMap(new ConcurrentHashMap<>()) with ZooKeeper 3.8's Id class
        // (OpenJDK 17), the set iterated as: u1:gt9…, u2:o9N…, u1:fpT…, super:, ip:127.0.0.1.
        var ip = new Id("ip", "127.0.0.1");
        var u1a = new Id("digest", "u1:gt9jc5WecOnhjjYcMHfWn6inh6g=");
        var u2 = new Id("digest", "u2:o9NxcCGDPOlcV7JVhmKHOf5ctVE=");
        var u1b = new Id("digest", "u1:fpT/y03U+EjItKZOSLGvjnJlyng=");
        var super = new Id("super", "");

        IReadOnlyList<Id> ids = [ip];
        foreach (var id in new[] { u1a, u2, u1b, super })
            ids = AuthInfoOrder.With(ids, [id]);

        Assert.Equal([u1a, u2, u1b, super, ip], ids);
    }

    [Fact]
    public void Adding_an_id_twice_keeps_one()
    {
        var ip = new Id("ip", "127.0.0.1");
        Assert.Single(AuthInfoOrder.With([ip], [ip]));
    }
}
