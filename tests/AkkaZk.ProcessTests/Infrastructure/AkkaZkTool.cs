namespace AkkaZk.ProcessTests.Infrastructure;

/// <summary>Runs `scripts/akkazk &lt;args&gt;` to completion: the offline tools (txnlog dump, snapshot dump, purge) or a node expected to fail.</summary>
public static class AkkaZkTool
{
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        await AkkaZkNode.EnsureBuiltAsync();
        return await ProcessRunner.RunAsync(RepoPaths.AkkaZkLauncher, args, timeout ?? TimeSpan.FromSeconds(120), workingDirectory: workingDirectory);
    }
}
