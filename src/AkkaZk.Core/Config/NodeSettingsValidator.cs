namespace AkkaZk.Config;

/// <summary>
/// The checks and derivations ZooKeeper applies after reading its keys (QuorumPeerConfig.parseProperties,
/// parseDynamicConfig, setupClientPort, setupPeerType, checkValidity), shared by the zoo.cfg and the HOCON reader
/// so both accept and reject the same things. Nothing is returned unless everything is valid.
/// </summary>
public static class NodeSettingsValidator
{
    /// <summary>
    /// Validates a draft and returns the effective settings. <paramref name="fail"/> turns a zoo.cfg key name
    /// (e.g. "clientPort", "server.2", "admin.serverPort", "myid") and a problem into an exception that names
    /// where that key came from.
    /// </summary>
    public static NodeSettings Complete(NodeSettings draft, Func<string, string, ConfigException> fail)
    {
        var warnings = draft.Warnings.ToList();
        var s = draft;

        if (string.IsNullOrWhiteSpace(s.DataDir))
        {
            throw fail("dataDir", "dataDir is not set");
        }

        if (s.TickTime <= 0)
        {
            throw fail("tickTime", s.TickTime == 0 ? "tickTime is not set" : $"tickTime {s.TickTime} must be positive");
        }

        if (s.ElectionAlg != ZkDefaults.ElectionAlg)
        {
            throw fail("electionAlg", $"electionAlg {s.ElectionAlg} is not supported, only 3 (FastLeaderElection)");
        }

        s = s with
        {
            DataLogDir = string.IsNullOrWhiteSpace(s.DataLogDir) ? s.DataDir : s.DataLogDir,
            MinSessionTimeout = s.MinSessionTimeout == ZkDefaults.SessionTimeoutUnset ? s.TickTime * ZkDefaults.MinSessionTimeoutTicks : s.MinSessionTimeout,
            MaxSessionTimeout = s.MaxSessionTimeout == ZkDefaults.SessionTimeoutUnset ? s.TickTime * ZkDefaults.MaxSessionTimeoutTicks : s.MaxSessionTimeout,
        };
        if (s.MinSessionTimeout > s.MaxSessionTimeout)
        {
            throw fail("minSessionTimeout", $"minSessionTimeout {s.MinSessionTimeout} must not be larger than maxSessionTimeout {s.MaxSessionTimeout}");
        }

        s = Corrected(s, warnings) with
        {
            FourLetterWordWhitelist = EffectiveFourLetterWords(s.FourLetterWordWhitelist, s.ReadOnlyModeEnabled),
            AuthProviders = s.AuthProviders.Union(ZkDefaults.BuiltInAuthSchemes).ToValueSet(),
        };
        CheckPortRanges(s, fail);
        CheckServers(s, fail);
        s = WithClientPortFromServerLine(s, fail);

        // setupPeerType: the servers list decides; a differing peerType is only worth a warning
        var roleByList = s.Self?.Role ?? PeerRole.Participant;
        if (roleByList != s.PeerType)
        {
            warnings.Add($"peerType {s.PeerType.ToString().ToLowerInvariant()} does not match the servers list ({roleByList.ToString().ToLowerInvariant()}); using the servers list");
            s = s with { PeerType = roleByList };
        }

        if (!s.IsStandalone)
        {
            CheckEnsembleMember(s, fail);
        }
        else if (s.ClientPort is null && s.SecureClientPort is null)
        {
            // ZooKeeper starts such a server anyway; it just cannot be reached
            warnings.Add("neither clientPort nor secureClientPort is set: no client can connect to this standalone server");
        }

        if (s.ExtendedTypesEnabled && s.MyId > 254)
        {
            throw fail("extendedTypesEnabled", $"extendedTypesEnabled needs a server id of at most 254, this server's is {s.MyId}");
        }

        PortConflicts.Check(s, fail);
        return s with { Warnings = warnings };
    }

    /// <summary>FourLetterCommands.isEnabled: the whitelist, "*" for all, plus srvr (and isro in read-only mode).</summary>
    public static IReadOnlySet<string> EffectiveFourLetterWords(IEnumerable<string> whitelist, bool readOnlyMode)
    {
        var words = whitelist.Select(w => w.Trim()).Where(w => w.Length > 0).ToList();
        if (words.Contains(ZkDefaults.AllFourLetterWords))
        {
            return new[] { ZkDefaults.AllFourLetterWords }.ToValueSet();
        }

        words.Add(ZkDefaults.AlwaysEnabledFourLetterWord);
        if (readOnlyMode)
        {
            words.Add("isro");
        }

        return words.ToValueSet();
    }

    // Values ZooKeeper silently raises to a floor: corrected, with a warning.
    private static NodeSettings Corrected(NodeSettings s, List<string> warnings)
    {
        if (s.AutopurgeSnapRetainCount < ZkDefaults.MinAutopurgeSnapRetainCount)
        {
            warnings.Add($"autopurge.snapRetainCount {s.AutopurgeSnapRetainCount} is below {ZkDefaults.MinAutopurgeSnapRetainCount}; using {ZkDefaults.MinAutopurgeSnapRetainCount}");
            s = s with { AutopurgeSnapRetainCount = ZkDefaults.MinAutopurgeSnapRetainCount };
        }

        if (s.SnapCount < ZkDefaults.MinSnapCount)
        {
            warnings.Add($"snapCount {s.SnapCount} is below {ZkDefaults.MinSnapCount}; using {ZkDefaults.MinSnapCount}");
            s = s with { SnapCount = ZkDefaults.MinSnapCount };
        }

        if (s.MaxCnxns < 0)
        {
            warnings.Add($"maxCnxns {s.MaxCnxns} is negative; using {ZkDefaults.MaxCnxns} (unlimited)");
            s = s with { MaxCnxns = ZkDefaults.MaxCnxns };
        }

        return s;
    }

    private static void CheckPortRanges(NodeSettings s, Func<string, string, ConfigException> fail)
    {
        CheckPort(s.ClientPort, "clientPort", fail);
        CheckPort(s.SecureClientPort, "secureClientPort", fail);
        CheckPort(s.ObserverMasterPort, "observerMasterPort", fail);
        CheckPort(s.AdminServerPort, "admin.serverPort", fail);
        CheckPort(s.MetricsHttpPort, "metricsProvider.httpPort", fail);
        foreach (var server in s.Servers)
        {
            CheckPort(server.QuorumPort, $"server.{server.Id}", fail);
            CheckPort(server.ElectionPort, $"server.{server.Id}", fail);
            CheckPort(server.ClientPort, $"server.{server.Id}", fail);
        }

        if (s.ClientPort is null && s.ClientPortAddress != ZkDefaults.AnyAddress)
        {
            throw fail("clientPortAddress", "clientPortAddress is set but clientPort is not set");
        }

        if (s.SecureClientPort is null && s.SecureClientPortAddress != ZkDefaults.AnyAddress)
        {
            throw fail("secureClientPortAddress", "secureClientPortAddress is set but secureClientPort is not set");
        }
    }

    internal static void CheckPort(int? port, string key, Func<string, string, ConfigException> fail)
    {
        if (port is { } p && p is < 1 or > 65535)
        {
            throw fail(key, $"port {p} is out of range 1..65535");
        }
    }

    private static void CheckServers(NodeSettings s, Func<string, string, ConfigException> fail)
    {
        var seen = new HashSet<long>();
        var endpoints = new Dictionary<(string Host, int Port), long>();
        foreach (var server in s.Servers)
        {
            var key = $"server.{server.Id}";
            if (!seen.Add(server.Id))
            {
                throw fail(key, $"server id {server.Id} is listed twice");
            }

            if (server.Id < 1)
            {
                throw fail(key, $"server id {server.Id} must be at least 1");
            }

            if (server.QuorumPort == server.ElectionPort)
            {
                throw fail(key, $"quorum port and election port must be different (both {server.QuorumPort})");
            }

            foreach (var port in new[] { server.QuorumPort, server.ElectionPort })
            {
                if (endpoints.TryGetValue((server.Host, port), out var other))
                {
                    throw fail(key, $"{server.Host}:{port} is already used by server.{other}");
                }

                endpoints[(server.Host, port)] = server.Id;
            }
        }

        var participants = s.Servers.Count(x => x.Role == PeerRole.Participant);
        var firstObserver = s.Servers.FirstOrDefault(x => x.Role == PeerRole.Observer);
        if (participants == 0 && !s.StandaloneEnabled)
        {
            throw fail("standaloneEnabled", "standaloneEnabled=false needs at least one participant server.N");
        }

        if (participants == 0 && firstObserver is not null)
        {
            throw fail($"server.{firstObserver.Id}", "observers without participants is an invalid configuration");
        }

        if (participants == 1 && s.StandaloneEnabled && firstObserver is not null)
        {
            throw fail($"server.{firstObserver.Id}", "observers without a quorum is an invalid configuration (one participant and standaloneEnabled=true)");
        }

        CheckGroups(s, fail);
    }

    private static void CheckGroups(NodeSettings s, Func<string, string, ConfigException> fail)
    {
        var ids = s.Servers.Select(x => x.Id).ToHashSet();
        var groupOf = new Dictionary<long, long>();
        foreach (var (group, members) in s.Groups)
        {
            foreach (var member in members)
            {
                if (!ids.Contains(member))
                {
                    throw fail($"group.{group}", $"server {member} is not listed as a server.N");
                }

                if (!groupOf.TryAdd(member, group))
                {
                    throw fail($"group.{group}", $"server {member} is in multiple groups (group.{groupOf[member]} and group.{group})");
                }
            }
        }

        foreach (var (server, weight) in s.Weights)
        {
            if (!ids.Contains(server))
            {
                throw fail($"weight.{server}", $"server {server} is not listed as a server.N");
            }

            if (weight < 0)
            {
                throw fail($"weight.{server}", $"weight {weight} must not be negative");
            }
        }
    }

    // setupClientPort: this server's own line may carry the client address, and then it wins.
    private static NodeSettings WithClientPortFromServerLine(NodeSettings s, Func<string, string, ConfigException> fail)
    {
        if (s.Self is not { ClientPort: { } linePort } self)
        {
            return s;
        }

        var lineAddress = self.ClientAddress ?? ZkDefaults.AnyAddress;
        if (s.ClientPort is { } staticPort)
        {
            var staticIsAny = s.ClientPortAddress == ZkDefaults.AnyAddress;
            if (staticPort != linePort || (!staticIsAny && s.ClientPortAddress != lineAddress))
            {
                throw fail("clientPort", $"client address {s.ClientPortAddress}:{staticPort} differs from server.{self.Id}'s client address {lineAddress}:{linePort}");
            }
        }

        return s with { ClientPort = linePort, ClientPortAddress = lineAddress };
    }

    private static void CheckEnsembleMember(NodeSettings s, Func<string, string, ConfigException> fail)
    {
        if (s.InitLimit <= 0)
        {
            throw fail("initLimit", "initLimit is not set (needed in an ensemble)");
        }

        if (s.SyncLimit <= 0)
        {
            throw fail("syncLimit", "syncLimit is not set (needed in an ensemble)");
        }

        if (s.MyId == 0)
        {
            throw fail("myid", $"myid file {Path.Combine(s.DataDir, "myid")} is missing (needed in an ensemble)");
        }

        if (s.Self is null)
        {
            throw fail("myid", $"myid {s.MyId} is not in the server list ({string.Join(", ", s.Servers.Select(x => $"server.{x.Id}"))})");
        }
    }
}
