namespace AkkaZk.Bench.Workloads;

public static class WorkloadCatalog
{
    public static readonly IReadOnlyList<string> Names = ["create", "set", "get", "exists", "children", "mixed", "watch", "sessions"];

    public static IWorkload Create(string name) => name switch
    {
        "create" => new CreateWorkload(),
        "set" => new OwnedNodesWorkload(readPct: 0),
        "get" => new ReadWorkload(ReadKind.GetData),
        "exists" => new ReadWorkload(ReadKind.Exists),
        "children" => new ReadWorkload(ReadKind.GetChildren),
        "mixed" => new OwnedNodesWorkload(readPct: null),
        "watch" => new WatchWorkload(),
        "sessions" => new SessionsWorkload(),
        _ => throw new ArgumentException($"unknown workload '{name}'"),
    };
}
