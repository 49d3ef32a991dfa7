#!/usr/bin/env bash
# AkkaZk and Apache ZooKeeper 3.8, standalone, side by side on this machine.
#
#   scripts/bench.sh            (results in bench-results/<UTC time>/, git-ignored)
#
# Both servers get the same zoo.cfg essentials (tickTime=2000, forceSync=yes, maxClientCnxns=0, fresh data dirs,
# free loopback ports) and stay up for the whole workload phase. Each round runs every workload against both, in
# alternation (ZooKeeper first in odd rounds, AkkaZk first in even ones). Then the memory phase loads
# BENCH_MEM_ZNODES znodes of 100 bytes into a fresh server of each kind, reads VmRSS from /proc, stops it (SIGTERM)
# and measures the restart: from launching the process to the first successful getData.
# Finally `akkazk-bench report` prints one table of medians with AkkaZk/ZooKeeper per figure (summary.md) and draws
# throughput.png and p99.png. Exit code 1 when any run saw a wrong answer.
#
# Environment (defaults in brackets):
#   BENCH_SECONDS [10]  measured seconds per run      BENCH_WARMUP [3]  warm-up seconds per run
#   BENCH_ROUNDS [3]    rounds of every workload      BENCH_WORKLOADS [create set get exists children mixed watch sessions]
#   BENCH_SESSIONS [4]  sessions per run              BENCH_OUTSTANDING [32]  requests in flight per session
#   BENCH_SESSIONS_OUTSTANDING [4]  concurrent connects per session slot in the sessions workload
#   BENCH_DATA_SIZE [100] bytes per znode             BENCH_ZNODES [1000]  znodes read/written (children: the parent's width)
#   BENCH_READ_PCT [90] reads in the mixed workload   BENCH_MEM_ZNODES [250000]  znodes for the memory phase (0 skips it;
#                                                     1000000 is the full-size figure)
#   BENCH_ZK_HEAP [1000m]  ZooKeeper's -Xmx (zkEnv.sh's default ZK_SERVER_HEAP is 1000 MB)
#   BENCH_OUT [bench-results/<UTC time>]   BENCH_KEEP=1 keeps the servers' data dirs and logs
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-3}
rounds=${BENCH_ROUNDS:-3}
workloads=${BENCH_WORKLOADS:-create set get exists children mixed watch sessions}
sessions=${BENCH_SESSIONS:-4}
outstanding=${BENCH_OUTSTANDING:-32}
sessions_outstanding=${BENCH_SESSIONS_OUTSTANDING:-4}
data_size=${BENCH_DATA_SIZE:-100}
znodes=${BENCH_ZNODES:-1000}
read_pct=${BENCH_READ_PCT:-90}
mem_znodes=${BENCH_MEM_ZNODES:-250000}
out=${BENCH_OUT:-bench-results/$(date -u +%Y%m%dT%H%M%SZ)}
export ZK_JVMFLAGS="-Xmx${BENCH_ZK_HEAP:-1000m} ${ZK_JVMFLAGS:-}"
export ZK_START_TIMEOUT=${ZK_START_TIMEOUT:-120}

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/akkazk-bench.XXXXXX")
log() { echo "bench: $*" >&2; }

# --- prerequisites: Apache ZooKeeper from Debian, the two .NET builds ---
[[ -f /usr/share/java/zookeeper.jar ]] || "$root/scripts/install-test-deps.sh"
log "building akkazk and akkazk-bench (Release)"
"$root/scripts/akkazk" --version >/dev/null
dotnet build src/AkkaZk.Bench/AkkaZk.Bench.csproj -c Release -v q --nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
akkazk_dll="$root/src/AkkaZk.Cli/bin/Release/net10.0/akkazk.dll"
bench() { dotnet "$root/src/AkkaZk.Bench/bin/Release/net10.0/akkazk-bench.dll" "$@"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# --- servers: zk_* use scripts/zk-reference.sh (its zoo.cfg has forceSync=yes, maxClientCnxns=0) ---
zk_start() { # dir port
  "$root/scripts/zk-reference.sh" start "$2" "$1" >/dev/null
}
zk_stop() { "$root/scripts/zk-reference.sh" stop "$1" >/dev/null 2>&1 || true; }
zk_pid() { cat "$1/zookeeper.pid"; }

akka_start() { # dir port: launches in the background, pid in dir/akkazk.pid (no wait)
  mkdir -p "$1/data"
  cat > "$1/zoo.cfg" <<EOF
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$1/data
clientPort=$2
clientPortAddress=127.0.0.1
maxClientCnxns=0
4lw.commands.whitelist=*
forceSync=yes
admin.enableServer=false
EOF
  nohup dotnet "$akkazk_dll" "$1/zoo.cfg" >>"$1/akkazk.log" 2>&1 </dev/null &
  echo $! > "$1/akkazk.pid"
}
akka_stop() {
  [[ -f $1/akkazk.pid ]] || return 0
  local pid; pid=$(cat "$1/akkazk.pid")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1/akkazk.pid"
}
akka_pid() { cat "$1/akkazk.pid"; }
wait_serving() { # port: a getData("/") answered
  bench probe --server "127.0.0.1:$1" --path / --timeout 120 >/dev/null
}

zk_dir=$work/zookeeper; akka_dir=$work/akkazk
cleanup() {
  zk_stop "$zk_dir"; akka_stop "$akka_dir"; zk_stop "$work/zk-mem"; akka_stop "$work/akka-mem"
  [[ ${BENCH_KEEP:-0} == 1 ]] && log "server dirs and logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

{
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version); java: $(java -version 2>&1 | head -1)"
  echo "ZooKeeper: $(basename "$(readlink -f /usr/share/java/zookeeper.jar)"), ZK_JVMFLAGS=$ZK_JVMFLAGS"
  echo "settings: seconds=$seconds warmup=$warmup rounds=$rounds sessions=$sessions outstanding=$outstanding" \
       "sessions-workload outstanding=$sessions_outstanding data-size=$data_size znodes=$znodes read-pct=$read_pct mem-znodes=$mem_znodes"
  echo "mode: standalone (scripts/bench-ensemble.sh measures 3-node ensembles)"
} > "$out/environment.txt"
cat "$out/environment.txt" >&2

# --- workload phase ---
zk_port=$(free_port); zk_start "$zk_dir" "$zk_port"
akka_port=$(free_port); akka_start "$akka_dir" "$akka_port"; wait_serving "$akka_port"
log "ZooKeeper on $zk_port (pid $(zk_pid "$zk_dir")), AkkaZk on $akka_port (pid $(akka_pid "$akka_dir"))"

failed=0
run_one() { # label port workload round
  local k=$outstanding
  [[ $3 == sessions ]] && k=$sessions_outstanding
  if ! bench run --server "127.0.0.1:$2" --workload "$3" --label "$1" --round "$4" --sessions "$sessions" \
      --outstanding "$k" --seconds "$seconds" --warmup "$warmup" --data-size "$data_size" --znodes "$znodes" \
      --read-pct "$read_pct" --json "$out/run-$1-$3-r$4.json" 2>&1 | grep -v '^  cleanup' >&2; then
    log "FAILED: $1 $3 round $4"; failed=1
  fi
  [[ -f $out/run-$1-$3-r$4.json ]] && grep -q '"passed": true' "$out/run-$1-$3-r$4.json" || failed=1
}
for round in $(seq 1 "$rounds"); do
  for w in $workloads; do
    if (( round % 2 == 1 )); then
      run_one ZooKeeper "$zk_port" "$w" "$round"; run_one AkkaZk "$akka_port" "$w" "$round"
    else
      run_one AkkaZk "$akka_port" "$w" "$round"; run_one ZooKeeper "$zk_port" "$w" "$round"
    fi
  done
done
zk_stop "$zk_dir"; akka_stop "$akka_dir"

# --- memory and restart phase ---
memory() { # label start-fn stop-fn pid-fn dir
  local label=$1 start=$2 stop=$3 pidof=$4 dir=$5 port t0 t1 populate rss rss2 served
  port=$(free_port)
  "$start" "$dir" "$port"; wait_serving "$port"
  t0=$(now_ms)
  bench populate --server "127.0.0.1:$port" --znodes "$mem_znodes" --data-size 100 --root /bench-mem >&2 || { failed=1; "$stop" "$dir"; return; }
  t1=$(now_ms); populate=$(( t1 - t0 ))
  sleep 5
  rss=$(rss_kib "$("$pidof" "$dir")")
  "$stop" "$dir"
  t0=$(now_ms)
  "$start" "$dir" "$port" &
  served=$(bench probe --server "127.0.0.1:$port" --path "/bench-mem/n$(( mem_znodes - 1 ))" --timeout 600) || { failed=1; wait; "$stop" "$dir"; return; }
  wait
  sleep 5
  rss2=$(rss_kib "$("$pidof" "$dir")")
  "$stop" "$dir"
  log "$label: $mem_znodes znodes loaded in $populate ms, RSS $rss KiB; restart to first read $(( served - t0 )) ms, RSS then $rss2 KiB"
  printf '{ "label": "%s", "znodes": %d, "dataSize": 100, "rssKiB": %d, "populateSeconds": %s, "restartMs": %d, "rssAfterRestartKiB": %d }\n' \
    "$label" "$mem_znodes" "$rss" "$(awk "BEGIN {print $populate/1000}")" "$(( served - t0 ))" "$rss2" > "$out/memory-$label.json"
}
if (( mem_znodes > 0 )); then
  memory ZooKeeper zk_start zk_stop zk_pid "$work/zk-mem"
  memory AkkaZk akka_start akka_stop akka_pid "$work/akka-mem"
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
echo
echo "AkkaZk vs Apache ZooKeeper 3.8, standalone (ensembles: scripts/bench-ensemble.sh). Medians over $rounds rounds;"
echo "ratio = AkkaZk/ZooKeeper (ops/s: above 1 is faster; latency and memory: below 1 is better)."
bench report "$out" || failed=1
echo
echo "results, charts (throughput.png, p99.png) and environment.txt in ${out#"$root"/}"
exit "$failed"
