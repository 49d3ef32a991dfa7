namespace AkkaZk.Config;

/// <summary>The settings as a node prints them once at startup, in the spirit of ZooKeeper's startup log.</summary>
internal static class NodeSettingsDescription
{
    public static IReadOnlyList<string> Lines(NodeSettings s)
    {
        var lines = new List<string>
        {
            s.IsStandalone
                ? "mode: standalone"
                : $"mode: ensemble member, myid={s.MyId}, peerType={Role(s.PeerType)}, {s.Servers.Count(x => x.Role == PeerRole.Participant)} participants and {s.Servers.Count(x => x.Role == PeerRole.Observer)} observers",
            $"tickTime={s.TickTime} initLimit={s.InitLimit} syncLimit={s.SyncLimit} connectToLearnerMasterLimit={s.ConnectToLearnerMasterLimit}",
            $"dataDir={Path.GetFullPath(s.DataDir)} dataLogDir={Path.GetFullPath(s.DataLogDir)}",
            s.ClientPort is { } port ? $"clientPortAddress is {s.ClientPortAddress}:{port}" : "clientPort is not set",
            s.SecureClientPort is { } secure ? $"secureClientPortAddress is {s.SecureClientPortAddress}:{secure}" : "secureClientPort is not set",
            $"minSessionTimeout={s.MinSessionTimeout} maxSessionTimeout={s.MaxSessionTimeout} maxClientCnxns={s.MaxClientCnxns} maxCnxns={s.MaxCnxns} globalOutstandingLimit={s.GlobalOutstandingLimit}",
            $"snapCount={s.SnapCount} preAllocSize={s.PreAllocSizeKb}KB forceSync={s.ForceSync} snapshot.compression.method={(s.SnapshotCompressionMethod.Length == 0 ? "checked" : s.SnapshotCompressionMethod)}",
            s.AutopurgePurgeIntervalHours > 0
                ? $"autopurge: every {s.AutopurgePurgeIntervalHours} h, keeping {s.AutopurgeSnapRetainCount} snapshots"
                : $"autopurge: off (autopurge.snapRetainCount={s.AutopurgeSnapRetainCount})",
        };

        foreach (var server in s.Servers)
        {
            var client = server.ClientPort is { } cp ? $";{server.ClientAddress}:{cp}" : "";
            var self = server.Id == s.MyId ? " (this server)" : "";
            lines.Add($"server.{server.Id}={server.Host}:{server.QuorumPort}:{server.ElectionPort}:{Role(server.Role)}{client}{self}");
        }

        foreach (var (group, members) in s.Groups)
        {
            lines.Add($"group.{group}={string.Join(":", members)}");
        }

        foreach (var (server, weight) in s.Weights)
        {
            lines.Add($"weight.{server}={weight}");
        }

        if (s.Servers.Count > 0)
        {
            lines.Add($"standaloneEnabled={s.StandaloneEnabled} reconfigEnabled={s.ReconfigEnabled} quorumListenOnAllIPs={s.QuorumListenOnAllIPs} syncEnabled={s.SyncEnabled}");
        }

        lines.Add(s.AdminEnableServer
            ? $"admin server on {s.AdminServerAddress}:{s.AdminServerPort}, command URL {s.AdminCommandUrl}"
            : "admin server disabled");
        lines.Add($"four letter words enabled: {string.Join(", ", s.FourLetterWordWhitelist)}");
        lines.Add($"auth providers: {string.Join(", ", s.AuthProviders)}{(s.SuperDigest is null ? "" : " (super digest set)")}{(s.SkipAcl ? "; ACL checks SKIPPED" : "")}");
        lines.Add($"jute.maxbuffer={s.JuteMaxBuffer} localSessionsEnabled={s.LocalSessionsEnabled} readonlymode.enabled={s.ReadOnlyModeEnabled} extendedTypesEnabled={s.ExtendedTypesEnabled}");
        lines.Add($"metricsProvider.className={s.MetricsProviderClassName}");
        if (s.Extra.Count > 0)
        {
            lines.Add($"other properties: {string.Join(", ", s.Extra.Select(kv => $"{kv.Key}={kv.Value}"))}");
        }

        return lines;
    }

    private static string Role(PeerRole role) => role == PeerRole.Participant ? "participant" : "observer";
}
