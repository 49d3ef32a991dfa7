using System.Runtime.Versioning;

// Every test starts JVMs, .NET servers and clients on a small shared machine: run one at a time so that
// timing-sensitive client scripts are not starved.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

// The harness drives bash scripts, the Debian ZooKeeper packages and POSIX signals.
[assembly: SupportedOSPlatform("linux")]
