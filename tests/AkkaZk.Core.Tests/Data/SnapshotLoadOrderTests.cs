using System.Buffers;
using AkkaZk.Data;
using AkkaZk.Jute;
using AkkaZk.Protocol;
using AkkaZk.Protocol.Codec;
using Xunit;

namespace AkkaZk.Tests.Data;

/// <summary>
/// The loader resolves parents from the nodes just loaded; these streams list nodes in orders where that shortcut
/// misses (or is invalidated) and check the tree comes out the same as a by-path lookup would build it.
/// </summary>
public sealed class SnapshotLoadOrderTests
{
    private static readonly Acl[] Digest = [new Acl(Perms.All, new Id("digest", "u:h"))];

    private static byte[] Stream(params (string Path, byte[]? Data, long Acl, long Owner)[] nodes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(buffer);
        writer.WriteInt(0); // sessions
        writer.WriteInt(3); // ACL cache: 1 and 2 are used below, 3 by nobody
        for (long id = 1; id <= 3; id++)
        {
            writer.WriteLong(id);
            DataCodec.WriteAcls(writer, id == 2 ? Digest : Acl.OpenAclUnsafe);
        }
        var zxid = 1;
        foreach (var (path, data, acl, owner) in nodes)
        {
            writer.WriteString(path);
            writer.WriteBuffer(data);
            writer.WriteLong(acl);
            PersistedStatCodec.Write(writer, PersistedStat.ForCreate(zxid++, 0, owner));
        }
        writer.WriteString("/");
        return buffer.WrittenSpan.ToArray();
    }

    private static DataTree Load(byte[] stream)
    {
        var db = new ZkDatabase(new DatabaseOptions());
        var reader = new JuteReader(stream);
        db.LoadSnapshot(ref reader, 1);
        Assert.True(reader.AtEnd);
        return db.Tree;
    }

    private static long SizeByMap(DataTree tree) =>
        tree.Nodes.Sum(kv => kv.Key.Length + (kv.Value.Data?.Length ?? 0)) + (tree.Root.Data?.Length ?? 0);

    [Fact]
    public void Nodes_whose_parent_is_neither_the_previous_node_nor_its_parent_still_find_it()
    {
        var tree = Load(Stream(
            ("", null, -1, 0),
            ("/a", [1], 1, 0),
            ("/b", [2, 2], 1, 0),
            ("/a/x", [3], 2, 0),
            ("/b/y", null, 1, 0x55),
            ("/a/x/z", [4, 4, 4], 1, 0),
            ("/b/y2", [], 2, 0),
            ("/a/w", [5], 1, 0)));
        Assert.Equal(["a", "b"], tree.GetNode("/")!.Children.Order());
        Assert.Equal(["w", "x"], tree.GetNode("/a")!.Children.Order());
        Assert.Equal(["y", "y2"], tree.GetNode("/b")!.Children.Order());
        Assert.Equal(["z"], tree.GetNode("/a/x")!.Children.Order());
        Assert.Equal([4, 4, 4], tree.GetNode("/a/x/z")!.Data);
        Assert.Equal(["/b/y"], tree.GetEphemerals(0x55));
        Assert.Equal(Digest, tree.AclOf(tree.GetNode("/b/y2")!));
        Assert.Equal(2, tree.Acls.Count); // the unused entry is purged
        Assert.Equal(SizeByMap(tree), tree.ApproximateDataSize);
        Assert.Equal(9, tree.NodeCount);
    }

    [Fact]
    public void A_deep_tree_loads_what_was_written()
    {
        var zk = new ZkHarness();
        var path = "";
        for (var depth = 0; depth < 30; depth++)
        {
            path += $"/d{depth}";
            zk.Create(path, [(byte)depth]);
            zk.Create(path + "-side", [1, 2]);
        }
        var buffer = new ArrayBufferWriter<byte>();
        zk.Db.WriteSnapshot(new JuteWriter(buffer));
        var tree = Load(buffer.WrittenSpan.ToArray());
        foreach (var (nodePath, node) in zk.Db.Tree.Nodes)
        {
            var loaded = tree.GetNode(nodePath)!;
            Assert.Equal(node.Data, loaded.Data);
            Assert.Equal(node.Children.Order(), loaded.Children.Order());
            Assert.Equal(zk.Db.Tree.StatOf(node), tree.StatOf(loaded));
        }
        Assert.Equal(zk.Db.Tree.NodeCount, tree.NodeCount);
        Assert.Equal(zk.Db.Tree.ApproximateDataSize, tree.ApproximateDataSize);
    }

    [Fact]
    public void A_path_listed_twice_keeps_the_later_node_and_its_size()
    {
        var tree = Load(Stream(
            ("", null, -1, 0),
            ("/a", [1], 1, 0),
            ("/a/x", [2], 1, 0),
            ("/a", [7, 7, 7, 7], 1, 0),
            ("/a/y", [3], 1, 0)));
        Assert.Equal([7, 7, 7, 7], tree.GetNode("/a")!.Data);
        Assert.Equal(["y"], tree.GetNode("/a")!.Children); // the first /a took x with it
        Assert.Equal(SizeByMap(tree), tree.ApproximateDataSize);
    }

    [Fact]
    public void A_node_without_its_parent_is_rejected_as_ZooKeeper_does()
    {
        var stream = Stream(("", null, -1, 0), ("/a", null, 1, 0), ("/b/c", null, 1, 0));
        var e = Assert.Throws<JuteException>(() => Load(stream));
        Assert.Equal("Invalid Datatree, unable to find parent /b of path /b/c", e.Message);
    }
}
