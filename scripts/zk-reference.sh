#!/usr/bin/env bash
# Start or stop a standalone Apache ZooKeeper 3.8 (the Debian `zookeeper` package) for tests and benchmarks.
#
#   zk-reference.sh start <clientPort> <dataDir> [extra zoo.cfg lines...]
#   zk-reference.sh stop <dataDir>
#
# start writes <dataDir>/zoo.cfg, logs to <dataDir>/zookeeper.log, waits until `ruok` answers `imok`
# and leaves the pid in <dataDir>/zookeeper.pid. Extra lines are appended to zoo.cfg, so they override
# the defaults (a line admin.serverPort=N turns the admin server on).
# Environment: ZK_EXTENDED_TYPES=1 adds -Dzookeeper.extendedTypesEnabled=true (TTL nodes);
# ZK_JVMFLAGS adds JVM flags (e.g. -Dznode.container.checkIntervalMs=3600000); ZK_START_TIMEOUT seconds (30).
set -euo pipefail

JARS=/usr/share/java
usage() { echo "usage: $0 start <clientPort> <dataDir> [zoo.cfg lines...] | stop <dataDir>" >&2; exit 2; }

four_letter() { # prints the answer of four-letter word $2 on 127.0.0.1:$1, or nothing
  local answer=""
  if { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then
    printf '%s' "$2" >&3
    answer=$(timeout 2 cat <&3 || true)
    exec 3<&- 3>&-
  fi
  printf '%s' "$answer"
}
ruok() { four_letter "$1" ruok; }
# `ruok` answers imok as soon as the server runs; `srvr` tells when it actually serves requests.
serving() { [[ $(ruok "$1") == imok && $(four_letter "$1" srvr) == *Mode:* ]]; }

start() {
  [[ $# -ge 2 ]] || usage
  local port=$1 dir=$2; shift 2
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local pidfile="$dir/zookeeper.pid"
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "zk-reference: already running in $dir (pid $(cat "$pidfile"))" >&2; exit 1
  fi
  if [[ $(ruok "$port") == imok ]]; then
    echo "zk-reference: something already answers on port $port" >&2; exit 1
  fi
  local admin="admin.enableServer=false"
  local line
  for line in "$@"; do [[ $line == admin.serverPort=* ]] && admin="admin.enableServer=true"; done
  {
    echo "tickTime=2000"
    echo "initLimit=10"
    echo "syncLimit=5"
    echo "dataDir=$dir/data"
    echo "clientPort=$port"
    echo "clientPortAddress=127.0.0.1"
    echo "maxClientCnxns=0"
    echo "4lw.commands.whitelist=*"
    echo "forceSync=yes"
    echo "$admin"
    for line in "$@"; do echo "$line"; done
  } > "$dir/zoo.cfg"
  mkdir -p "$dir/data"

  # zookeeper.jar's manifest names its dependencies; slf4j-simple is the logger binding (to stderr).
  local cp="$JARS/zookeeper.jar:$JARS/zookeeper-jute.jar:$JARS/slf4j-simple.jar"
  local flags=(-Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true
               -Dzookeeper.admin.enableServer=false)
  [[ $admin == admin.enableServer=true ]] && flags=(-Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true)
  [[ ${ZK_EXTENDED_TYPES:-0} == 1 ]] && flags+=(-Dzookeeper.extendedTypesEnabled=true)
  # shellcheck disable=SC2206
  [[ -n ${ZK_JVMFLAGS:-} ]] && flags+=($ZK_JVMFLAGS)

  nohup java "${flags[@]}" -cp "$cp" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg" \
    > "$dir/zookeeper.log" 2>&1 < /dev/null &
  local pid=$!
  echo "$pid" > "$pidfile"

  local deadline=$((SECONDS + ${ZK_START_TIMEOUT:-30}))
  until serving "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "zk-reference: ZooKeeper exited during start; last log lines:" >&2; tail -20 "$dir/zookeeper.log" >&2
      rm -f "$pidfile"; exit 1
    fi
    if (( SECONDS >= deadline )); then
      echo "zk-reference: no imok on port $port within ${ZK_START_TIMEOUT:-30}s; last log lines:" >&2
      tail -20 "$dir/zookeeper.log" >&2; kill "$pid" 2>/dev/null || true; rm -f "$pidfile"; exit 1
    fi
    sleep 0.2
  done
  echo "zk-reference: ZooKeeper pid $pid serving 127.0.0.1:$port, data in $dir"
}

stop() {
  [[ $# -eq 1 ]] || usage
  local pidfile="$1/zookeeper.pid"
  [[ -f $pidfile ]] || { echo "zk-reference: no pid file in $1" >&2; exit 0; }
  local pid; pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) usage ;;
esac
