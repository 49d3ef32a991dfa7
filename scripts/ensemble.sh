#!/usr/bin/env bash
# Runs the 3-node loopback ensemble of hocon/examples/ensemble (zoo1.cfg .. zoo3.cfg).
#
#   scripts/ensemble.sh start          start the three nodes (each in the background, logs in $ENSEMBLE_DIR/nodeN.log)
#   scripts/ensemble.sh stop           SIGTERM all of them
#   scripts/ensemble.sh status         each node's pid and its `srvr` Mode (leader / follower / looking)
#   scripts/ensemble.sh kill N         SIGKILL node N (a crash)
#   scripts/ensemble.sh restart N      start node N again (after kill or stop)
#
# The example is copied into ENSEMBLE_DIR [.ensemble/ in the repository, git-ignored] on the first start, so its
# data dirs (./node1 .. ./node3 relative to it, as the zoo.cfg files say) live there. Client ports 2181-2183,
# quorum (Akka.Remote) ports 2888-2890, admin ports 8081-8083, all on 127.0.0.1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${ENSEMBLE_DIR:-$root/.ensemble}
nodes=(1 2 3)

prepare() {
  if [[ ! -f "$dir/zoo1.cfg" ]]; then
    mkdir -p "$dir"
    cp -r "$root/hocon/examples/ensemble/." "$dir/"
  fi
}

pid_of() { [[ -f "$dir/node$1.pid" ]] && cat "$dir/node$1.pid"; }

alive() {
  local pid
  pid=$(pid_of "$1") || return 1
  kill -0 "$pid" 2>/dev/null
}

start_node() {
  local n=$1
  if alive "$n"; then
    echo "node $n already running (pid $(pid_of "$n"))"
    return
  fi
  # build once, before the three nodes race for it
  "$root/scripts/akkazk" version >/dev/null
  (cd "$dir" && exec "$root/scripts/akkazk" "zoo$n.cfg" >>"node$n.log" 2>&1) &
  echo $! >"$dir/node$n.pid"
  echo "node $n started (pid $!, log $dir/node$n.log)"
}

mode_of() {
  local port=$((2180 + $1))
  { exec 3<>"/dev/tcp/127.0.0.1/$port" && printf srvr >&3 && cat <&3; } 2>/dev/null | sed -n 's/^Mode: //p' || true
}

case "${1:-}" in
  start)
    prepare
    for n in "${nodes[@]}"; do start_node "$n"; done
    ;;
  stop)
    for n in "${nodes[@]}"; do
      if alive "$n"; then kill -TERM "$(pid_of "$n")" && echo "node $n stopped"; fi
    done
    ;;
  status)
    for n in "${nodes[@]}"; do
      if alive "$n"; then
        mode=$(mode_of "$n")
        echo "node $n: pid $(pid_of "$n"), client port $((2180 + n)), mode ${mode:-not serving}"
      else
        echo "node $n: not running"
      fi
    done
    ;;
  kill)
    n=${2:?usage: ensemble.sh kill N}
    if alive "$n"; then kill -KILL "$(pid_of "$n")" && echo "node $n killed"; else echo "node $n is not running"; fi
    ;;
  restart)
    n=${2:?usage: ensemble.sh restart N}
    prepare
    if alive "$n"; then kill -TERM "$(pid_of "$n")"; while alive "$n"; do sleep 0.1; done; fi
    start_node "$n"
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
