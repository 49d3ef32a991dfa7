using AkkaZk.Data;
using Xunit;

namespace AkkaZk.Tests.Data;

public sealed class JavaHashSetTests
{
    // Printed by java.util.HashSet<String> (OpenJDK 17) for the same operations: see the test body.
    private const string JavaOrder = "/app/lock-0000000007,/app/lock-0000000245,/app/lock-0000000224,/app/lock-0000000049,/app/lock-0000000203,/app/lock-0000000028,/app/lock-0000000266,/app/lock-0000000182,/app/lock-0000000161,/app/lock-0000000140,/app/lock-0000000091,/app/lock-0000000070,/app/lock-0000000238,/app/lock-0000000217,/app/lock-0000000119,/app/lock-0000000014,/app/lock-0000000259,/app/lock-0000000098,/app/lock-0000000175,/app/lock-0000000252,/app/lock-0000000077,/app/lock-0000000154,/app/lock-0000000231,/app/lock-0000000056,/app/lock-0000000133,/app/lock-0000000210,/app/lock-0000000035,/app/lock-0000000112,/app/lock-0000000196,/app/lock-0000000273";
    private const string JavaCloneOrder = "/app/lock-0000000007,/app/lock-0000000245,/x/y,/app/lock-0000000224,/app/lock-0000000049,/app/lock-0000000203,/app/lock-0000000028,/app/lock-0000000266,/app/lock-0000000182,/app/lock-0000000161,/app/lock-0000000140,/app/lock-0000000091,/app/lock-0000000070,/b,/app/lock-0000000238,/app/lock-0000000217,/app/lock-0000000119,/app/lock-0000000259,/app/lock-0000000098,/app/lock-0000000175,/app/lock-0000000252,/app/lock-0000000077,/app/lock-0000000154,/app/lock-0000000231,/app/lock-0000000056,/app/lock-0000000133,/app/lock-0000000210,/app/lock-0000000035,/app/lock-0000000112,/app/lock-0000000196,/app/lock-0000000273";

    private static string Lock(int i) => "/app/lock-" + (i * 7).ToString("D10");

    [Fact]
    public void Iterates_in_the_order_java_util_HashSet_does_through_growth_and_removal()
    {
        var set = new JavaHashSet();
        for (var i = 0; i < 40; i++)
            set.Add(Lock(i));
        for (var i = 0; i < 30; i += 3)
            set.Remove(Lock(i));
        Assert.Equal(JavaOrder, string.Join(",", set));
        Assert.Equal(30, set.Count);
    }

    [Fact]
    public void A_clone_is_presized_like_HashSet_clone_and_keeps_java_order_after_changes()
    {
        var set = new JavaHashSet();
        for (var i = 0; i < 40; i++)
            set.Add(Lock(i));
        for (var i = 0; i < 30; i += 3)
            set.Remove(Lock(i));
        var clone = set.Clone();
        clone.Add("/x/y");
        clone.Add("/b");
        clone.Remove("/app/lock-0000000014");
        Assert.Equal(JavaCloneOrder, string.Join(",", clone));
        Assert.Equal(JavaOrder, string.Join(",", set));
    }

    [Fact]
    public void Hash_codes_are_java_string_hash_codes()
    {
        Assert.Equal(0, JavaHashSet.JavaHashCode(""));
        Assert.Equal(97, JavaHashSet.JavaHashCode("a"));
        Assert.Equal(-1_414_033_946, JavaHashSet.JavaHashCode("/zookeeper/quota"));
    }
}
