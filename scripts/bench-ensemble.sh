#!/usr/bin/env bash
# A 3-node AkkaZk ensemble and a 3-node Apache ZooKeeper 3.8 ensemble, side by side on this machine.
#
#   scripts/bench-ensemble.sh      (results in bench-results/ensemble-<UTC time>/, git-ignored)
#
# Both ensembles run on loopback from the same zoo.cfg text (tickTime=2000, initLimit=10, syncLimit=5, forceSync=yes,
# maxClientCnxns=0, admin server off, server.1..3 on free ports, fresh data dirs with myid) and stay up together.
# 1. Throughput: each round runs every workload against both, alternating which goes first (ZooKeeper in odd rounds).
#    One akkazk-bench process spreads its sessions round robin over the three servers (session i on server i mod 3),
#    so writes arriving at followers are forwarded to the leader.
# 2. Leader failover: a writer (`akkazk-bench failover`) is connected to the two followers only, writing without
#    pause; the script SIGKILLs the leader, hands the writer the kill time, and the writer reports the time from the
#    kill to the end of the first successful write that started after it. The killed node is then restarted and the
#    script waits until all three serve again (one leader, two followers) before the next kill. Kills alternate
#    between the systems (ZooKeeper first in odd kills).
# Finally `akkazk-bench report` prints the medians with AkkaZk/ZooKeeper ratios (summary.md). The servers' logs are
# copied to logs/ in the results. Exit code 1 when a run saw a wrong answer or a failover was not measured.
#
# Environment (defaults in brackets):
#   BENCH_SECONDS [10]  measured seconds per run      BENCH_WARMUP [3]  warm-up seconds per run
#   BENCH_ROUNDS [3]    rounds of every workload      BENCH_WORKLOADS [set get]
#   BENCH_SESSIONS [6]  sessions per run (2 per server)  BENCH_OUTSTANDING [32]  requests in flight per session
#   BENCH_DATA_SIZE [100] bytes per znode             BENCH_ZNODES [1000]  znodes read/written
#   BENCH_KILLS [5]     leader kills per system (0 skips the failover phase)
#   BENCH_ZK_HEAP [1000m]  each ZooKeeper JVM's -Xmx  BENCH_OUT [bench-results/ensemble-<UTC time>]
#   BENCH_KEEP=1 keeps the servers' data dirs
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-3}
rounds=${BENCH_ROUNDS:-3}
workloads=${BENCH_WORKLOADS:-set get}
sessions=${BENCH_SESSIONS:-6}
outstanding=${BENCH_OUTSTANDING:-32}
data_size=${BENCH_DATA_SIZE:-100}
znodes=${BENCH_ZNODES:-1000}
kills=${BENCH_KILLS:-5}
zk_heap=${BENCH_ZK_HEAP:-1000m}
out=${BENCH_OUT:-bench-results/ensemble-$(date -u +%Y%m%dT%H%M%SZ)}

name=bench-ensemble
source "$root/scripts/bench-setup.sh"

free_ports() { # N distinct free loopback ports, one a line (all bound at once, so none repeats)
  python3 -c 'import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in ss))' "$1"
}
epoch_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }

# --- the two ensembles: systems[label]=dir; dir/nodeN/{zoo.cfg,data/myid,node.log,pid}, dir/client-ports ---
write_configs() { # dir and 9 free ports: three zoo.cfg files sharing one server list
  local dir=$1 n servers="" ports=() p
  shift; p=("$@")
  for n in 1 2 3; do servers+="server.$n=127.0.0.1:${p[3*n-3]}:${p[3*n-2]}"$'\n'; ports+=("${p[3*n-1]}"); done
  for n in 1 2 3; do
    mkdir -p "$dir/node$n/data"
    echo "$n" > "$dir/node$n/data/myid"
    cat > "$dir/node$n/zoo.cfg" <<EOF
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$dir/node$n/data
clientPort=${ports[n-1]}
clientPortAddress=127.0.0.1
maxClientCnxns=0
4lw.commands.whitelist=*
forceSync=yes
admin.enableServer=false
$servers
EOF
  done
  echo "${ports[*]}" > "$dir/client-ports"
}
client_port() { cut -d' ' -f"$2" "$1/client-ports"; } # dir n

start_node() { # label dir n: in the background, pid in dir/nodeN/pid
  local node=$2/node$3
  if [[ $1 == ZooKeeper ]]; then
    local jars=/usr/share/java
    nohup java "-Xmx$zk_heap" -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dzookeeper.admin.enableServer=false -cp "$jars/zookeeper.jar:$jars/zookeeper-jute.jar:$jars/slf4j-simple.jar" \
      org.apache.zookeeper.server.quorum.QuorumPeerMain "$node/zoo.cfg" >>"$node/node.log" 2>&1 </dev/null &
  else
    nohup dotnet "$akkazk_dll" "$node/zoo.cfg" >>"$node/node.log" 2>&1 </dev/null &
  fi
  echo $! > "$node/pid"
  disown # a SIGKILLed node is expected: no "Killed" job report from bash
}
node_pid() { cat "$1/node$2/pid"; }
stop_node() { # dir n: SIGTERM, SIGKILL after 15 s
  [[ -f $1/node$2/pid ]] || return 0
  local pid; pid=$(node_pid "$1" "$2")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1/node$2/pid"
}

mode_of() { # port: leader, follower, or nothing
  local answer=""
  if { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then
    printf srvr >&3
    answer=$(timeout 2 cat <&3 || true)
    exec 3<&- 3>&-
  fi
  sed -n 's/^Mode: //p' <<<"$answer"
}
leader_of() { # dir: the node number whose srvr says leader
  local n
  for n in 1 2 3; do [[ $(mode_of "$(client_port "$1" "$n")") == leader ]] && { echo "$n"; return 0; }; done
  return 1
}
wait_ensemble() { # label dir: one leader, two followers, each serving a read; prints the seconds it took
  local dir=$2 start=$SECONDS n modes
  while :; do
    modes=""
    for n in 1 2 3; do modes+="$(mode_of "$(client_port "$dir" "$n")") "; done
    [[ $(grep -o leader <<<"$modes" | wc -l) == 1 && $(grep -o follower <<<"$modes" | wc -l) == 2 ]] && break
    if (( SECONDS - start > 300 )); then
      log "$1: no leader with two followers after 300 s (modes: $modes)"; return 1
    fi
    sleep 0.2
  done
  for n in 1 2 3; do bench probe --server "127.0.0.1:$(client_port "$dir" "$n")" --path / --timeout 120 >/dev/null; done
  echo $(( SECONDS - start ))
}

declare -A systems=([ZooKeeper]=$work/zookeeper [AkkaZk]=$work/akkazk)
cleanup() {
  local label n
  for label in "${!systems[@]}"; do
    for n in 1 2 3; do
      stop_node "${systems[$label]}" "$n"
      [[ -f ${systems[$label]}/node$n/node.log ]] && mkdir -p "$out/logs" && cp "${systems[$label]}/node$n/node.log" "$out/logs/$label-node$n.log"
    done
  done
  [[ ${BENCH_KEEP:-0} == 1 ]] && log "server dirs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

{
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version); java: $(java -version 2>&1 | head -1)"
  echo "ZooKeeper: $(basename "$(readlink -f /usr/share/java/zookeeper.jar)"), -Xmx$zk_heap per node"
  echo "mode: two 3-node ensembles on loopback (tickTime=2000 initLimit=10 syncLimit=5 forceSync=yes)"
  echo "settings: seconds=$seconds warmup=$warmup rounds=$rounds workloads=($workloads) sessions=$sessions" \
       "outstanding=$outstanding data-size=$data_size znodes=$znodes kills=$kills"
} > "$out/environment.txt"
cat "$out/environment.txt" >&2

mapfile -t ports < <(free_ports 18)
write_configs "${systems[ZooKeeper]}" "${ports[@]:0:9}"
write_configs "${systems[AkkaZk]}" "${ports[@]:9:9}"
for label in ZooKeeper AkkaZk; do
  for n in 1 2 3; do start_node "$label" "${systems[$label]}" "$n"; done
done
for label in ZooKeeper AkkaZk; do
  took=$(wait_ensemble "$label" "${systems[$label]}")
  log "$label: leader is node $(leader_of "${systems[$label]}"), client ports $(cat "${systems[$label]}/client-ports"), ready after ${took}s"
done

# --- 1. throughput ---
failed=0
connect_string() { local p s=""; for p in $(cat "$1/client-ports"); do s+="${s:+,}127.0.0.1:$p"; done; echo "$s"; }
run_one() { # label workload round
  local json=$out/run-$1-$2-r$3.json
  if ! bench run --server "$(connect_string "${systems[$1]}")" --workload "$2" --label "$1" --round "$3" \
      --sessions "$sessions" --outstanding "$outstanding" --seconds "$seconds" --warmup "$warmup" \
      --data-size "$data_size" --znodes "$znodes" --json "$json" 2>&1 | grep -v '^  cleanup' >&2; then
    log "FAILED: $1 $2 round $3"; failed=1
  fi
  [[ -f $json ]] && grep -q '"passed": true' "$json" || failed=1
}
for round in $(seq 1 "$rounds"); do
  for w in $workloads; do
    if (( round % 2 == 1 )); then run_one ZooKeeper "$w" "$round"; run_one AkkaZk "$w" "$round"
    else run_one AkkaZk "$w" "$round"; run_one ZooKeeper "$w" "$round"; fi
  done
done
echo "load average after the throughput phase: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"

# --- 2. leader failover ---
failover_one() { # label kill-number
  local label=$1 k=$2 dir=${systems[$1]} leader others="" n line kill_ms pid rejoin
  wait_ensemble "$label" "$dir" >/dev/null || { failed=1; return; }
  leader=$(leader_of "$dir") || { log "$label: no leader"; failed=1; return; }
  for n in 1 2 3; do (( n == leader )) || others+="${others:+,}127.0.0.1:$(client_port "$dir" "$n")"; done
  coproc WRITER { bench failover --server "$others" --path /bench-failover --label "$label" --round "$k" \
    --killed "server.$leader" --timeout 300 --json "$out/failover-$label-k$k.json"; }
  local from_writer=${WRITER[0]} to_writer=${WRITER[1]} writer_pid=$WRITER_PID
  if ! read -r -t 120 line <&"$from_writer" || [[ $line != ready ]]; then
    log "$label kill $k: the writer did not get ready (${line:-no output})"; kill "$writer_pid" 2>/dev/null || true; failed=1; return
  fi
  sleep 2 # steady writes through both followers
  pid=$(node_pid "$dir" "$leader")
  kill -9 "$pid"
  kill_ms=$(epoch_ms)
  echo "$kill_ms" >&"$to_writer"
  if read -r -t 320 line <&"$from_writer" && [[ $line == failover* ]]; then
    log "$label kill $k: leader server.$leader (pid $pid) killed; first write after ${line#failover } ms"
  else
    log "$label kill $k: no failover figure (${line:-no output})"; failed=1
  fi
  wait "$writer_pid" || failed=1
  start_node "$label" "$dir" "$leader"
  rejoin=$(wait_ensemble "$label" "$dir") || { failed=1; return; }
  log "$label: server.$leader restarted and serving again after ${rejoin}s (leader now server.$(leader_of "$dir"))"
  sleep 3
}
for k in $(seq 1 "$kills"); do
  if (( k % 2 == 1 )); then failover_one ZooKeeper "$k"; failover_one AkkaZk "$k"
  else failover_one AkkaZk "$k"; failover_one ZooKeeper "$k"; fi
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
echo
echo "AkkaZk vs Apache ZooKeeper 3.8, 3-node ensembles on loopback. Medians over $rounds rounds and $kills leader kills;"
echo "ratio = AkkaZk/ZooKeeper (ops/s: above 1 is faster; latency and failover: below 1 is better)."
bench report "$out" || failed=1
echo
echo "results, charts and environment.txt in ${out#"$root"/}"
exit "$failed"
