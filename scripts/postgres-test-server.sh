#!/usr/bin/env bash
# Private PostgreSQL cluster for the txn-log tests: 127.0.0.1 only, a free port, a temp dir.
#   start: installs Debian's postgresql when missing, initdb + pg_ctl as the postgres user, creates database
#          akkazk_test, prints `export AKKAZK_PG='<connection string>'` (eval it) and keeps state in
#          ${AKKAZK_PG_DIR:-/tmp/akkazk-pg} so `stop` finds the cluster.
#   stop:  stops the cluster and removes its directory.
set -euo pipefail

state_dir="${AKKAZK_PG_DIR:-/tmp/akkazk-pg}"

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
  echo "postgres-test-server: installing Debian postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin port
  bin=$(find_bin) || true
  if [ -z "${bin:-}" ]; then install_postgres; bin=$(find_bin); fi
  if [ -f "$state_dir/port" ] && as_postgres "$bin/pg_ctl" -D "$state_dir/data" status >/dev/null 2>&1; then
    port=$(cat "$state_dir/port")
  else
    rm -rf "$state_dir"
    mkdir -p "$state_dir"
    [ "$(id -u)" = 0 ] && chown postgres "$state_dir"
    port=$(free_port)
    as_postgres "$bin/initdb" -D "$state_dir/data" -U postgres -A trust --no-sync >/dev/null
    as_postgres "$bin/pg_ctl" -D "$state_dir/data" -l "$state_dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $state_dir" start >/dev/null
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres akkazk_test
    echo "$port" > "$state_dir/port"
  fi
  echo "export AKKAZK_PG='Host=127.0.0.1;Port=$port;Username=postgres;Database=akkazk_test'"
}

stop() {
  local bin
  bin=$(find_bin) || true
  if [ -n "${bin:-}" ] && [ -d "$state_dir/data" ]; then
    as_postgres "$bin/pg_ctl" -D "$state_dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$state_dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
