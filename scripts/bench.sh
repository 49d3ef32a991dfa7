#!/usr/bin/env bash
# AkkaZk and Apache ZooKeeper 3.8, standalone, side by side on this machine.
#
#   scripts/bench.sh            (results in bench-results/<UTC time>/, git-ignored)
#
# Both servers get the same zoo.cfg essentials (tickTime=2000, forceSync=yes, maxClientCnxns=0, fresh data dirs,
# free loopback ports, default snapCount=100000) and stay up for the whole workload phase. Each round runs every
# workload against both, in alternation (ZooKeeper first in odd rounds, AkkaZk first in even ones).
#
# Then the memory phase, BENCH_MEM_ROUNDS times (same alternation), with a fresh server of each kind per round:
#  1. load BENCH_MEM_ZNODES znodes of 100 bytes under /bench-mem (`akkazk-bench populate`);
#  2. force a snapshot of the whole tree: setData on /bench-mem (same data, so the tree does not grow) in chunks of
#     10,000 until the server has finished a snapshot at or after the zxid of the first of these sets. Both servers
#     snapshot after a random snapCount/2..snapCount txns, so this takes at most about 100,000 sets, and the restart
#     below replays a journal tail of at most one chunk on both;
#  3. read VmRSS from /proc, stop the server (SIGTERM), and record the data on disk: the newest snapshot (ZooKeeper:
#     the newest dataDir/version-2/snapshot.<zxid> file; AkkaZk: the newest row of the snapshot table in
#     <dataDir>/snapshots.db, its blob length), the zxid it covers, and the allocated size (du) of the whole data
#     dir (dataLogDir is the same dir for both: ZooKeeper's log.* and snapshot.* files, AkkaZk's txnlog.db and
#     snapshots.db; neither purges old snapshots by default, so both hold every snapshot taken while loading);
#  4. restart and time it from launching the process to the first successful getData of the last znode; read
#     VmRSS again, stop, and record the data on disk again. ZooKeeper writes one more full snapshot at startup,
#     after loading and before serving (ZooKeeperServer.loadData), so its restart time includes that write; AkkaZk
#     does not snapshot at startup. The database load time each server logs, and the time of ZooKeeper's startup
#     snapshot, are recorded too (see *_load_ms below).
# The servers' logs of each memory round are copied to memory-<server>-r<round>-{loading,restart}.log, and the
# data dir listing after the restart to memory-<server>-r<round>.files. Load averages are sampled every 30 s into
# loadavg.txt. Finally `akkazk-bench report` prints one table of medians with AkkaZk/ZooKeeper per figure
# (summary.md) and draws throughput.png and p99.png. Exit code 1 when any run saw a wrong answer.
#
# Environment (defaults in brackets):
#   BENCH_SECONDS [10]  measured seconds per run      BENCH_WARMUP [3]  warm-up seconds per run
#   BENCH_ROUNDS [3]    rounds of every workload      BENCH_WORKLOADS [create set get exists children mixed watch sessions]
#                                                     (empty or "none" skips the workload phase)
#   BENCH_SESSIONS [4]  sessions per run              BENCH_OUTSTANDING [32]  requests in flight per session
#   BENCH_SESSIONS_OUTSTANDING [4]  concurrent connects per session slot in the sessions workload
#   BENCH_DATA_SIZE [100] bytes per znode             BENCH_ZNODES [1000]  znodes read/written (children: the parent's width)
#   BENCH_READ_PCT [90] reads in the mixed workload   BENCH_MEM_ZNODES [250000]  znodes for the memory phase (0 skips it;
#                                                     1000000 is the full-size figure)
#   BENCH_MEM_ROUNDS [1]  rounds of the memory phase (the report shows the median)
#   BENCH_ZK_HEAP [1000m]  ZooKeeper's -Xmx (zkEnv.sh's default ZK_SERVER_HEAP is 1000 MB; the 1,000,000-znode run used 2g).
#                          AkkaZk (.NET) runs without a heap limit.
#   BENCH_OUT [bench-results/<UTC time>]   BENCH_KEEP=1 keeps the servers' data dirs and logs
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-3}
rounds=${BENCH_ROUNDS:-3}
workloads=${BENCH_WORKLOADS-create set get exists children mixed watch sessions}
[[ $workloads == none ]] && workloads=""
sessions=${BENCH_SESSIONS:-4}
outstanding=${BENCH_OUTSTANDING:-32}
sessions_outstanding=${BENCH_SESSIONS_OUTSTANDING:-4}
data_size=${BENCH_DATA_SIZE:-100}
znodes=${BENCH_ZNODES:-1000}
read_pct=${BENCH_READ_PCT:-90}
mem_znodes=${BENCH_MEM_ZNODES:-250000}
mem_rounds=${BENCH_MEM_ROUNDS:-1}
snap_count=100000 # both servers' default snapCount
touch_chunk=10000
out=${BENCH_OUT:-bench-results/$(date -u +%Y%m%dT%H%M%SZ)}
export ZK_JVMFLAGS="-Xmx${BENCH_ZK_HEAP:-1000m} ${ZK_JVMFLAGS:-}"
export ZK_START_TIMEOUT=${ZK_START_TIMEOUT:-600}

name=bench
source "$root/scripts/bench-setup.sh"

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
    kill -9 "$pid" 2>/dev/null && log "AkkaZk (pid $pid) did not stop within 15 s of SIGTERM; killed"
  fi
  rm -f "$1/akkazk.pid"
}
akka_pid() { cat "$1/akkazk.pid"; }

# --- snapshots and data on disk (see the header); zxids in hex as the servers log them ---
# *_snapshot_started: zxid of the newest snapshot the server began writing; *_snapshot_busy: one is being written.
zk_snapshot_started() { { grep -o 'Snapshotting: 0x[0-9a-f]*' "$1/zookeeper.log" || true; } | tail -1 | cut -d' ' -f2; }
zk_snapshot_busy() { # the last snapshot line is a start, not an end (a fresh dir logs two starts and one end)
  { grep -E 'Snapshotting: 0x|Snapshot taken in' "$1/zookeeper.log" || true; } | tail -1 | grep -q Snapshotting
}
akka_snapshot_started() { { grep -o 'snapshot at zxid 0x[0-9a-f]*:' "$1/akkazk.log" || true; } | tail -1 | awk '{print $4}' | tr -d :; }
akka_snapshot_saved() { { grep -o 'snapshot at zxid 0x[0-9a-f]* saved' "$1/akkazk.log" || true; } | tail -1 | awk '{print $4}'; }
akka_snapshot_busy() { [[ $(akka_snapshot_started "$1") != "$(akka_snapshot_saved "$1")" ]]; }
# *_newest_snapshot (server stopped): "<bytes> <zxid>" of the newest snapshot on disk
zk_newest_snapshot() {
  local f z best=-1 file=""
  for f in "$1"/data/version-2/snapshot.*; do
    [[ -f $f ]] || continue
    z=$((16#${f##*.}))
    (( z > best )) && { best=$z; file=$f; }
  done
  [[ -n $file ]] && echo "$(stat -c %s "$file") 0x${file##*.}" || echo "-1 -"
}
akka_newest_snapshot() { # the blob of the snapshot table's newest row (immutable: opening must not write -wal/-shm files)
  local bytes
  bytes=$(python3 -c 'import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?immutable=1", uri=True)
r = c.execute("select length(snapshot) from snapshot order by sequence_number desc limit 1").fetchone()
print(r[0] if r else -1)' "$1/data/snapshots.db" 2>/dev/null) || bytes=-1
  echo "$bytes $(akka_snapshot_saved "$1")"
}
# The database load time each server logs at its last start (ms; -1 when missing). ZooKeeper: "Snapshot loaded in"
# (ZKDatabase: reading and decoding the snapshot plus replaying the log tail). AkkaZk: the txn log's recovery (reading
# the snapshot blob and the journal tail from SQLite) plus the data tree's load (decoding the snapshot, applying the
# tail), which follow each other (the data tree decodes what the txn log has read).
last_ms() { { grep -o "$1 [0-9]* ms" "$2" || echo "-1 ms"; } | tail -1 | awk '{print $(NF-1)}'; }
zk_load_ms() { last_ms 'Snapshot loaded in' "$1/zookeeper.log"; }
akka_load_ms() {
  local a b
  a=$(last_ms 'last zxid 0x[0-9a-f]*, in' "$1/akkazk.log"); b=$(last_ms 'database loaded in' "$1/akkazk.log")
  (( a >= 0 && b >= 0 )) && echo $(( a + b )) || echo -1
}
# the snapshot ZooKeeper writes at startup before serving (ZooKeeperServer.loadData); AkkaZk writes none
zk_startup_snapshot_ms() { { grep '\[main\].*Snapshot taken in' "$1/zookeeper.log" || echo "-1 ms"; } | tail -1 | awk '{print $(NF-1)}'; }
akka_startup_snapshot_ms() { echo -1; }
dir_bytes() { du -s -B1 "$1/data" | cut -f1; } # allocated, not apparent: ZooKeeper's log files are sparse 64 MB
wait_serving() { # port: a getData("/") answered
  bench probe --server "127.0.0.1:$1" --path / --timeout 120 >/dev/null
}

zk_dir=$work/zookeeper; akka_dir=$work/akkazk
sampler=""
cleanup() {
  [[ -n $sampler ]] && kill "$sampler" 2>/dev/null
  zk_stop "$zk_dir"; akka_stop "$akka_dir"
  for d in "$work"/mem-*; do [[ -d $d ]] && { zk_stop "$d"; akka_stop "$d"; }; done
  [[ ${BENCH_KEEP:-0} == 1 ]] && log "server dirs and logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

{
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version); java: $(java -version 2>&1 | head -1)"
  echo "ZooKeeper: $(basename "$(readlink -f /usr/share/java/zookeeper.jar)"), ZK_JVMFLAGS=$ZK_JVMFLAGS"
  echo "settings: seconds=$seconds warmup=$warmup rounds=$rounds sessions=$sessions outstanding=$outstanding" \
       "sessions-workload outstanding=$sessions_outstanding data-size=$data_size znodes=$znodes read-pct=$read_pct" \
       "workloads=[${workloads}] mem-znodes=$mem_znodes mem-rounds=$mem_rounds"
  echo "mode: standalone (scripts/bench-ensemble.sh measures 3-node ensembles)"
} > "$out/environment.txt"
cat "$out/environment.txt" >&2
while :; do echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 30; done > "$out/loadavg.txt" &
sampler=$!

# --- workload phase ---
failed=0
if [[ -n ${workloads// /} ]]; then
  zk_port=$(free_port); zk_start "$zk_dir" "$zk_port"
  akka_port=$(free_port); akka_start "$akka_dir" "$akka_port"; wait_serving "$akka_port"
  log "ZooKeeper on $zk_port (pid $(zk_pid "$zk_dir")), AkkaZk on $akka_port (pid $(akka_pid "$akka_dir"))"
fi
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
[[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$zk_dir" "$akka_dir" # frees the disk before the memory phase

# --- memory and restart phase ---
memory() { # label kind(zk|akka) round
  local label=$1 kind=$2 round=$3 dir="$work/mem-$2-r$3" port t0 t1 populate rss rss2 served marker="" m touched=0 started
  local snap snap2 disk disk2 load_ms startup_snap starter
  port=$(free_port)
  "${kind}_start" "$dir" "$port"; wait_serving "$port"
  t0=$(now_ms)
  bench populate --server "127.0.0.1:$port" --znodes "$mem_znodes" --data-size 100 --root /bench-mem >&2 || { failed=1; "${kind}_stop" "$dir"; return; }
  t1=$(now_ms); populate=$(( t1 - t0 ))
  # a snapshot that holds the whole tree: sets until one started at or after the first set's zxid, then let it finish
  while :; do
    m=$(bench touch --server "127.0.0.1:$port" --path /bench-mem --count "$touch_chunk") || { failed=1; "${kind}_stop" "$dir"; return; }
    [[ -n $marker ]] || marker=$m
    touched=$(( touched + touch_chunk ))
    started=$("${kind}_snapshot_started" "$dir")
    [[ -n $started ]] && (( started >= marker )) && break
    if (( touched > 2 * snap_count )); then log "$label: no snapshot after $touched sets; the snapshot figure covers less than the whole tree"; break; fi
  done
  for _ in $(seq 600); do "${kind}_snapshot_busy" "$dir" || break; sleep 0.5; done
  sleep 5
  rss=$(rss_kib "$("${kind}_pid" "$dir")")
  "${kind}_stop" "$dir"
  snap=$("${kind}_newest_snapshot" "$dir"); disk=$(dir_bytes "$dir")
  cp "$dir"/*.log "$out/memory-$label-r$round-loading.log" 2>/dev/null || true # zk-reference.sh starts a new log
  t0=$(now_ms)
  "${kind}_start" "$dir" "$port" &
  starter=$!
  served=$(bench probe --server "127.0.0.1:$port" --path "/bench-mem/n$(( mem_znodes - 1 ))" --timeout 600) || { failed=1; wait "$starter"; "${kind}_stop" "$dir"; return; }
  wait "$starter" # not a bare wait: the load-average sampler runs in the background too
  sleep 5
  rss2=$(rss_kib "$("${kind}_pid" "$dir")")
  "${kind}_stop" "$dir"
  snap2=$("${kind}_newest_snapshot" "$dir"); disk2=$(dir_bytes "$dir"); load_ms=$("${kind}_load_ms" "$dir")
  startup_snap=$("${kind}_startup_snapshot_ms" "$dir")
  cp "$dir"/*.log "$out/memory-$label-r$round-restart.log" 2>/dev/null || true
  ls -ls "$dir/data" "$dir"/data/version-2 > "$out/memory-$label-r$round.files" 2>/dev/null || true
  log "$label round $round: $mem_znodes znodes loaded in $populate ms, $touched sets after them (first at zxid $marker);" \
      "RSS $rss KiB; newest snapshot ${snap% *} bytes at zxid ${snap#* }, data dir $disk bytes;" \
      "restart to first read $(( served - t0 )) ms (database loaded in $load_ms ms by its log, startup snapshot $startup_snap ms), RSS then $rss2 KiB;" \
      "newest snapshot then ${snap2% *} bytes at zxid ${snap2#* }, data dir $disk2 bytes"
  printf '{ "label": "%s", "round": %d, "znodes": %d, "dataSize": 100, "rssKiB": %d, "populateSeconds": %s, "restartMs": %d, "rssAfterRestartKiB": %d,\n' \
    "$label" "$round" "$mem_znodes" "$rss" "$(awk "BEGIN {print $populate/1000}")" "$(( served - t0 ))" "$rss2" > "$out/memory-$label-r$round.json"
  printf '  "loadedZxid": "%s", "snapshotBytes": %d, "snapshotZxid": "%s", "dataDirBytes": %d, "snapshotBytesAfterRestart": %d, "dataDirBytesAfterRestart": %d, "serverLoadMs": %d,\n  "startupSnapshotMs": %d }\n' \
    "$marker" "${snap% *}" "${snap#* }" "$disk" "${snap2% *}" "$disk2" "$load_ms" "$startup_snap" >> "$out/memory-$label-r$round.json"
  [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$dir"
}
if (( mem_znodes > 0 )); then
  for round in $(seq 1 "$mem_rounds"); do
    if (( round % 2 == 1 )); then
      memory ZooKeeper zk "$round"; memory AkkaZk akka "$round"
    else
      memory AkkaZk akka "$round"; memory ZooKeeper zk "$round"
    fi
  done
fi

kill "$sampler" 2>/dev/null; sampler=""
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
echo "1-minute load average during the run (every 30 s): $(awk 'NR == 1 {lo = hi = $2} {s += $2; if ($2 < lo) lo = $2; if ($2 > hi) hi = $2}
  END {if (NR) printf "min %.2f, mean %.2f, max %.2f over %d samples", lo, s / NR, hi, NR}' "$out/loadavg.txt")" >> "$out/environment.txt"
echo
echo "AkkaZk vs Apache ZooKeeper 3.8, standalone (ensembles: scripts/bench-ensemble.sh). Medians over $rounds rounds"
echo "(memory: $mem_rounds);"
echo "ratio = AkkaZk/ZooKeeper (ops/s: above 1 is faster; latency and memory: below 1 is better)."
bench report "$out" || failed=1
echo
echo "results, charts (throughput.png, p99.png) and environment.txt in ${out#"$root"/}"
exit "$failed"
