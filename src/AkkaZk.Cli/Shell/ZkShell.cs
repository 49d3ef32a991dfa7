using AkkaZk.Client;
using AkkaZk.Protocol;

namespace AkkaZk.Cli.Shell;

/// <summary>
/// zkCli.sh's commands over one session: results to <c>output</c>, errors and "Created ..." to <c>error</c>, both in
/// zkCli's texts. Paths are relative to the chroot of the connect string.
/// </summary>
public sealed partial class ZkShell
{
    private readonly Func<string, Task<ZkClient>> _connect;
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly List<string> _history = [];
    private readonly WatchTracker _watches = new();
    private ZkClient? _client;
    private string _chroot;
    private Task? _watchPrinter;

    public ZkShell(ZkClient client, string chroot, TextWriter output, TextWriter error, Func<string, Task<ZkClient>> connect)
    {
        _client = client;
        _chroot = chroot.TrimEnd('/');
        _out = TextWriter.Synchronized(output);
        _err = TextWriter.Synchronized(error);
        _connect = connect;
        StartWatchPrinter(client);
    }

    public bool Quit { get; private set; }

    public bool PrintWatches { get; private set; } = true;

    public IReadOnlyList<string> History => _history;

    public ZkClient? Client => _client;

    /// <summary>Runs one line; false when it failed (zkCli's exit code 1 in one-command mode).</summary>
    public async Task<bool> ExecuteAsync(string line)
    {
        var words = ShellArgs.Tokenize(line);
        if (words.Count == 0)
            return true;
        _history.Add(line.Trim());
        try
        {
            return await RunAsync(words[0], words.Skip(1).ToList());
        }
        catch (NotConnected)
        {
            _out.WriteLine("Not connected");
            return false;
        }
        catch (ShellError e)
        {
            _err.WriteLine(e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            _err.WriteLine($"KeeperErrorCode = ConnectionLoss for {words.Skip(1).LastOrDefault(w => w.StartsWith('/')) ?? "/"}");
            return false;
        }
        finally
        {
            // a notification is queued before the reply that follows it on the wire
            DrainEvents(_client);
        }
    }

    /// <summary>A failure whose message zkCli prints as is.</summary>
    private sealed class ShellError(string message) : Exception(message);

    private ZkClient Connected() => _client is { IsClosed: false } c ? c : throw new NotConnected();

    private sealed class NotConnected : Exception;

    /// <summary>The server's path for a shell path (the chroot prepended).</summary>
    private string ServerPath(string path) => _chroot.Length == 0 ? path : path == "/" ? _chroot : _chroot + path;

    /// <summary>The shell's path for a server path (the chroot removed).</summary>
    public string ClientPath(string path) =>
        _chroot.Length == 0 ? path
        : path == _chroot ? "/"
        : path.StartsWith(_chroot + "/", StringComparison.Ordinal) ? path[_chroot.Length..]
        : path;

    /// <summary>PathUtils.validatePath's common messages.</summary>
    private static void ValidatePath(string path)
    {
        if (path.Length == 0)
            throw new ShellError("Path length must be > 0");
        if (path[0] != '/')
            throw new ShellError("Path must start with / character");
        if (path.Length > 1 && path[^1] == '/')
            throw new ShellError("Path must not end with / character");
        if (path.Contains("//", StringComparison.Ordinal))
            throw new ShellError($"Invalid path string \"{path}\" caused by empty node name specified @{path.IndexOf("//", StringComparison.Ordinal) + 1}");
    }

    /// <summary>Sends one request for a shell path; a non-zero error becomes zkCli's message for that path.</summary>
    private async Task<T> CallAsync<T>(OpCode type, ZkRequest request, string path) where T : ZkResponse
    {
        var reply = await Connected().SendAsync(type, request);
        if (reply.Header.Err != ErrorCode.Ok)
            throw new ShellError(ShellFormat.Error(reply.Header.Err, path));
        return (T)reply.Body!;
    }

    private async Task CallAsync(OpCode type, ZkRequest request, string path)
    {
        var reply = await Connected().SendAsync(type, request);
        if (reply.Header.Err != ErrorCode.Ok)
            throw new ShellError(ShellFormat.Error(reply.Header.Err, path));
    }

    /// <summary>
    /// zkCli's default watcher: every event as "WATCHER::" and the WatchedEvent line, when printwatches is on. Events
    /// that came before a reply are printed before the next command runs (see <see cref="DrainEvents"/>); the
    /// background loop prints those that arrive while the shell waits.
    /// </summary>
    private void StartWatchPrinter(ZkClient client)
    {
        _watchPrinter = Task.Run(async () =>
        {
            while (await client.Events.WaitToReadAsync())
                DrainEvents(client);
        });
    }

    private readonly object _eventGate = new();

    private void DrainEvents(ZkClient? client)
    {
        if (client is null)
            return;
        lock (_eventGate)
        {
            while (client.Events.TryRead(out var e))
            {
                _watches.Fired(e.Type, e.Path);
                PrintEvent(e.State.ToString(), e.Type.ToString(), e.Path);
            }
        }
    }

    private void PrintEvent(string state, string type, string? serverPath)
    {
        if (PrintWatches)
            _out.Write(WatchedEvent(state, type, serverPath is null or "" ? "null" : ClientPath(serverPath)));
    }

    public static string WatchedEvent(string state, string type, string path) =>
        $"\nWATCHER::\n\nWatchedEvent state:{state} type:{type} path:{path}\n";

    /// <summary>Ends the session; <paramref name="announce"/> prints the Closed event as zkCli's close and quit do.</summary>
    public async Task CloseAsync(bool announce = false)
    {
        if (_client is { } client)
        {
            await client.CloseSessionAsync();
            await client.DisposeAsync();
            if (_watchPrinter is not null)
                await Task.WhenAny(_watchPrinter, Task.Delay(1000));
            _watches.Clear();
            if (announce)
                PrintEvent("Closed", "None", null);
        }
        _client = null;
    }

    /// <summary>Children of a shell path for tab completion; empty when it does not exist.</summary>
    public async Task<IReadOnlyList<string>> ChildrenAsync(string path)
    {
        if (_client is not { IsClosed: false } client)
            return [];
        var reply = await client.SendAsync(OpCode.GetChildren, new GetChildrenRequest(ServerPath(path), false));
        return reply.Body is GetChildrenResponse r ? r.Children.Order(StringComparer.Ordinal).ToList() : [];
    }
}
