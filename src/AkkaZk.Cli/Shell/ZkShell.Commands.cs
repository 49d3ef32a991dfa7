using System.Text;
using AkkaZk.Data;
using AkkaZk.Jute;
using AkkaZk.Protocol;

namespace AkkaZk.Cli.Shell;

/// <summary>The commands, one method each, with zkCli's options and output.</summary>
public sealed partial class ZkShell
{
    private Task<bool> RunAsync(string command, IReadOnlyList<string> words) => command switch
    {
        "ls" => With(words, "swR", "", 1, a => LsAsync(a)),
        "create" => With(words, "sec", "t", 1, a => CreateAsync(a)),
        "get" => With(words, "sw", "", 1, a => GetAsync(a)),
        "set" => With(words, "s", "v", 2, a => SetAsync(a)),
        "stat" => With(words, "w", "", 1, a => StatAsync(a)),
        "delete" => With(words, "", "v", 1, a => DeleteAsync(a)),
        "deleteall" => With(words, "", "b", 1, a => DeleteAllAsync(a.Positional[0])),
        "getAcl" => With(words, "s", "", 1, a => GetAclAsync(a)),
        "setAcl" => With(words, "sR", "v", 2, a => SetAclAsync(a)),
        "addauth" => With(words, "", "", 1, a => AddAuthAsync(a)),
        "sync" => With(words, "", "", 1, a => SyncAsync(a.Positional[0])),
        "addWatch" => With(words, "", "m", 1, a => AddWatchAsync(a)),
        "removewatches" => With(words, "cdal", "", 1, a => RemoveWatchesAsync(a)),
        "getEphemerals" => With(words, "", "", 0, a => GetEphemeralsAsync(a.Positional.Count > 0 ? a.Positional[0] : "/")),
        "getAllChildrenNumber" => With(words, "", "", 1, a => AllChildrenNumberAsync(a.Positional[0])),
        "whoami" => With(words, "", "", 0, _ => WhoAmIAsync()),
        "history" => Done(PrintHistory()),
        "printwatches" => Done(SetPrintWatches(words)),
        "version" => Done(Print($"ZooKeeper CLI version: {Clients.ClientsSettings.DefaultVersion}")),
        "close" => Closing(),
        "connect" => ConnectAsync(words),
        "quit" => Quitting(),
        _ when ShellUsage.NotSupported.Contains(command) => Done(NotSupported(command)),
        _ => Done(UnknownCommand(command)),
    };

    private static Task<bool> Done(bool result) => Task.FromResult(result);

    private bool Print(string line)
    {
        _out.WriteLine(line);
        return true;
    }

    /// <summary>Parses the options; with fewer than <paramref name="minPositional"/> arguments prints the command's synopsis.</summary>
    private async Task<bool> With(IReadOnlyList<string> words, string flags, string valued, int minPositional, Func<ShellArgs, Task> run)
    {
        var args = ShellArgs.Parse(words, flags, valued);
        if (args.Error is not null || args.Positional.Count < minPositional)
        {
            if (args.Error is not null)
                _err.WriteLine(args.Error);
            var name = _history.Count > 0 ? ShellArgs.Tokenize(_history[^1])[0] : "";
            _err.WriteLine(ShellUsage.Synopsis.GetValueOrDefault(name, name));
            return false;
        }
        await run(args);
        return true;
    }

    private string CheckedPath(ShellArgs args, int index = 0)
    {
        var path = args.Positional[index];
        ValidatePath(path);
        return path;
    }

    private async Task LsAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        if (a.Has('R'))
        {
            // ZKUtil.listSubTreeBFS: breadth first, each node's children in sorted order
            foreach (var node in await SubtreeAsync(path))
                _out.WriteLine(node);
            return;
        }
        var response = await CallAsync<GetChildren2Response>(OpCode.GetChildren2, new GetChildrenRequest(ServerPath(path), a.Has('w')), path);
        if (a.Has('w'))
            _watches.Add(ServerPath(path), WatchKind.Child);
        _out.WriteLine(ShellFormat.List(response.Children.Order(StringComparer.Ordinal)));
        if (a.Has('s'))
            _out.Write(ShellFormat.Stat(response.Stat));
    }

    private async Task CreateAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        var data = a.Positional.Count > 1 ? Encoding.UTF8.GetBytes(a.Positional[1]) : JuteBuffers.Null;
        var acl = Acl.OpenAclUnsafe;
        if (a.Positional.Count > 2)
            acl = ShellFormat.ParseAcl(a.Positional[2]) ?? throw new ShellError($"Acl is not valid : {path}");
        var (e, s, c, ttlText) = (a.Has('e'), a.Has('s'), a.Has('c'), a.Value('t'));
        if (c && (e || s))
            throw new ShellError("-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
        long ttl = 0;
        if (ttlText is not null)
        {
            if (e)
                throw new ShellError("TTLs cannot be used with Ephemeral znodes");
            if (c)
                throw new ShellError("TTLs cannot be used with Container znodes");
            if (!long.TryParse(ttlText, out ttl))
                throw new ShellError($"For input string: \"{ttlText}\"");
        }
        var mode = ttlText is not null ? (s ? CreateMode.PersistentSequentialWithTtl : CreateMode.PersistentWithTtl)
            : c ? CreateMode.Container
            : e && s ? CreateMode.EphemeralSequential
            : e ? CreateMode.Ephemeral
            : s ? CreateMode.PersistentSequential
            : CreateMode.Persistent;
        var op = ttlText is not null ? OpCode.CreateTtl : c ? OpCode.CreateContainer : OpCode.Create2;
        var response = await CallAsync<ZkResponse>(op, new CreateRequest(ServerPath(path), data, acl, mode, ttl), path);
        var created = response switch
        {
            CreateResponse r => r.Path,
            Create2Response r => r.Path,
            _ => ServerPath(path),
        };
        _err.WriteLine("Created " + ClientPath(created));
    }

    private async Task GetAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        var response = await CallAsync<GetDataResponse>(OpCode.GetData, new GetDataRequest(ServerPath(path), a.Has('w')), path);
        if (a.Has('w'))
            _watches.Add(ServerPath(path), WatchKind.Data);
        _out.WriteLine(JuteBuffers.IsNull(response.Data) ? "null" : Encoding.UTF8.GetString(response.Data));
        if (a.Has('s'))
            _out.Write(ShellFormat.Stat(response.Stat));
    }

    private int Version(ShellArgs a) =>
        a.Value('v') is { } v ? int.TryParse(v, out var version) ? version : throw new ShellError($"For input string: \"{v}\"") : -1;

    private async Task SetAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        var response = await CallAsync<StatResponse>(
            OpCode.SetData, new SetDataRequest(ServerPath(path), Encoding.UTF8.GetBytes(a.Positional[1]), Version(a)), path);
        if (a.Has('s'))
            _out.Write(ShellFormat.Stat(response.Stat));
    }

    private async Task StatAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        if (a.Has('w'))
            _watches.Add(ServerPath(path), WatchKind.Data);
        var response = await CallAsync<StatResponse>(OpCode.Exists, new ExistsRequest(ServerPath(path), a.Has('w')), path);
        _out.Write(ShellFormat.Stat(response.Stat));
    }

    private async Task DeleteAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        await CallAsync(OpCode.Delete, new DeleteRequest(ServerPath(path), Version(a)), path);
    }

    /// <summary>ZKUtil.deleteRecursive: the subtree breadth first, deleted deepest first.</summary>
    private async Task DeleteAllAsync(string path)
    {
        ValidatePath(path);
        var tree = await SubtreeAsync(path);
        for (var i = tree.Count - 1; i >= 0; i--)
        {
            var reply = await Connected().SendAsync(OpCode.Delete, new DeleteRequest(ServerPath(tree[i]), -1));
            if (reply.Header.Err is not (ErrorCode.Ok or ErrorCode.NoNode))
                throw new ShellError(ShellFormat.Error(reply.Header.Err, tree[i]));
        }
    }

    private async Task<List<string>> SubtreeAsync(string path)
    {
        var tree = new List<string>();
        var queue = new Queue<string>([path]);
        while (queue.TryDequeue(out var node))
        {
            tree.Add(node);
            var children = await CallAsync<GetChildrenResponse>(OpCode.GetChildren, new GetChildrenRequest(ServerPath(node), false), node);
            foreach (var child in children.Children.Order(StringComparer.Ordinal))
                queue.Enqueue(node == "/" ? "/" + child : node + "/" + child);
        }
        return tree;
    }

    private async Task GetAclAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        var response = await CallAsync<GetAclResponse>(OpCode.GetAcl, new GetAclRequest(ServerPath(path)), path);
        _out.Write(ShellFormat.Acls(response.Acl));
        if (a.Has('s'))
            _out.Write(ShellFormat.Stat(response.Stat));
    }

    private async Task SetAclAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        var acl = ShellFormat.ParseAcl(a.Positional[1]) ?? throw new ShellError($"Acl is not valid : {path}");
        var paths = a.Has('R') ? await SubtreeAsync(path) : [path];
        StatResponse? last = null;
        foreach (var p in paths)
            last = await CallAsync<StatResponse>(OpCode.SetAcl, new SetAclRequest(ServerPath(p), acl, a.Has('R') ? -1 : Version(a)), p);
        if (a.Has('s') && last is not null)
            _out.Write(ShellFormat.Stat(last.Stat));
    }

    private async Task AddAuthAsync(ShellArgs a)
    {
        var auth = a.Positional.Count > 1 ? Encoding.UTF8.GetBytes(a.Positional[1]) : [];
        await Connected().SendAsync(OpCode.Auth, new AuthPacket(0, a.Positional[0], auth), Xids.Auth);
    }

    private async Task SyncAsync(string path)
    {
        ValidatePath(path);
        var reply = await Connected().SendAsync(OpCode.Sync, new SyncRequest(ServerPath(path)));
        _out.WriteLine(reply.Header.Err == ErrorCode.Ok ? "Sync is OK" : $"Sync returned {(int)reply.Header.Err}");
    }

    private async Task AddWatchAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        var mode = a.Value('m') switch
        {
            null or "PERSISTENT_RECURSIVE" => AddWatchMode.PersistentRecursive,
            "PERSISTENT" => AddWatchMode.Persistent,
            var other => throw new ShellError($"Unsupported mode: {other}"),
        };
        await CallAsync(OpCode.AddWatch, new AddWatchRequest(ServerPath(path), mode), path);
        _watches.Add(ServerPath(path), mode == AddWatchMode.Persistent ? WatchKind.Persistent : WatchKind.PersistentRecursive);
    }

    private async Task RemoveWatchesAsync(ShellArgs a)
    {
        var path = CheckedPath(a);
        var type = a.Has('c') ? WatcherType.Children : a.Has('d') ? WatcherType.Data : WatcherType.Any;
        if (!a.Has('l'))
            await CallAsync(OpCode.RemoveWatches, new RemoveWatchesRequest(ServerPath(path), type), path);
        // ZooKeeper's client tells its watchers they were removed: one event per kind of watch the path had
        foreach (var removed in _watches.Remove(ServerPath(path), type))
            PrintEvent("SyncConnected", removed.ToString(), ServerPath(path));
    }

    /// <summary>ZooKeeper 3.8's client sends getEphemerals' prefix and shows its answer without the chroot: so does this shell.</summary>
    private async Task GetEphemeralsAsync(string path)
    {
        ValidatePath(path);
        var response = await CallAsync<GetEphemeralsResponse>(OpCode.GetEphemerals, new GetEphemeralsRequest(path), path);
        _out.WriteLine(ShellFormat.List(response.Ephemerals));
    }

    private async Task AllChildrenNumberAsync(string path)
    {
        ValidatePath(path);
        var response = await CallAsync<GetAllChildrenNumberResponse>(
            OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(ServerPath(path)), path);
        _out.WriteLine(response.TotalNumber);
    }

    private async Task WhoAmIAsync()
    {
        var response = await CallAsync<WhoAmIResponse>(OpCode.WhoAmI, EmptyRequest.Instance, "/");
        _out.WriteLine("Auth scheme: User");
        foreach (var info in response.ClientInfo)
            _out.WriteLine($"{info.AuthScheme}: {info.User}");
    }

    /// <summary>ZooKeeperMain's history: the last ten commands before this one, and this one, numbered from 0.</summary>
    private bool PrintHistory()
    {
        var current = _history.Count - 1;
        for (var i = Math.Max(0, current - 10); i <= current; i++)
            _out.WriteLine($"{i} - {_history[i]}");
        return true;
    }

    private bool SetPrintWatches(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
            return Print("printwatches is " + (PrintWatches ? "on" : "off"));
        PrintWatches = words[0] == "on";
        return true;
    }

    private async Task<bool> Closing()
    {
        await CloseAsync(announce: true);
        return true;
    }

    private async Task<bool> ConnectAsync(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            _err.WriteLine(ShellUsage.Synopsis["connect"]);
            return false;
        }
        await CloseAsync();
        var (_, chroot) = ShellCommand.SplitChroot(words[0]);
        _client = await _connect(words[0]);
        _chroot = chroot.TrimEnd('/');
        StartWatchPrinter(_client);
        return true;
    }

    private async Task<bool> Quitting()
    {
        Quit = true;
        await CloseAsync(announce: true);
        return true;
    }

    private bool NotSupported(string command)
    {
        _err.WriteLine($"{command} is not supported by akkazk shell");
        return false;
    }

    private bool UnknownCommand(string command)
    {
        _err.Write(ShellUsage.All());
        _err.WriteLine($"Command not found: Command not found {command}");
        return false;
    }
}
