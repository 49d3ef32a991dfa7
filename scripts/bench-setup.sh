# Set-up shared by scripts/bench.sh and scripts/bench-ensemble.sh; sourced by them after they set root (the
# repository, also the working folder), out (the results folder) and name (the prefix of log lines and temp dirs).
# Leaves: out as an absolute path, work (a fresh temp dir), log, akkazk_dll and bench (the load generator).
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/akkazk-$name.XXXXXX")
log() { echo "$name: $*" >&2; }

# --- prerequisites: Apache ZooKeeper from Debian, the two .NET builds ---
[[ -f /usr/share/java/zookeeper.jar ]] || "$root/scripts/install-test-deps.sh"
log "building akkazk and akkazk-bench (Release)"
"$root/scripts/akkazk" --version >/dev/null
dotnet build src/AkkaZk.Bench/AkkaZk.Bench.csproj -c Release -v q --nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
akkazk_dll="$root/src/AkkaZk.Cli/bin/Release/net10.0/akkazk.dll"
bench() { dotnet "$root/src/AkkaZk.Bench/bin/Release/net10.0/akkazk-bench.dll" "$@"; }
