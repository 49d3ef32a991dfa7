#!/usr/bin/env bash
# Runs kazoo's own test suite (pytest over the installed kazoo.tests, Debian python3-kazoo) against Apache
# ZooKeeper 3.8 and against AkkaZk, standalone and as 3 servers, in the same run, and prints each side's failing
# set and the tests that fail only on AkkaZk. Not part of scripts/test.sh: it takes ~25 minutes on 2 cores.
#
#   scripts/kazoo-suite-compare.sh [--sizes "1 3"] [--sequential] [--out DIR] [-- extra pytest args]
#
# kazoo's harness (kazoo.testing.harness) starts its own servers with `java ... QuorumPeerMain zoo.cfg`;
# tests/clients/kazoo_upstream/java stands in for java on its PATH and starts scripts/akkazk on the same zoo.cfg
# when KAZOO_SUITE_SERVER=akkazk. For each size both servers run at the same time (same machine load), on
# separate port ranges below the OS's ephemeral range. Each run leaves pytest's log and JUnit XML in --out
# (default: a new temp folder), and every server's output in <server>-<size>/server-<clientPort>.log.
# Example, one file only: scripts/kazoo-suite-compare.sh --sizes 1 -- -k test_client.py
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shim="$repo/tests/clients/kazoo_upstream"

sizes="1 3" parallel=1 out="" pytest_args=()
while (( $# > 0 )); do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --sequential) parallel=0; shift ;;
    --out) out=$2; shift 2 ;;
    --) shift; pytest_args=("$@"); break ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
  esac
done
out=${out:-$(mktemp -d -t kazoo-suite-XXXXXX)}
mkdir -p "$out"

# What kazoo's suite imports beyond kazoo itself; installed here because this script is not part of the suite.
missing=()
for pkg in python3-kazoo python3-pytest python3-pytest-timeout python3-mock python3-objgraph python3-gevent \
           python3-eventlet zookeeper; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if (( ${#missing[@]} > 0 )); then
  [[ $(id -u) -eq 0 ]] || { echo "kazoo-suite-compare: missing ${missing[*]}; run as root" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Build once here, not in the first server kazoo starts (its clients give up after a few seconds).
dotnet build "$repo/src/AkkaZk.Cli/AkkaZk.Cli.csproj" -c Release -v q --nologo >/dev/null

pids=()
cleanup() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# run_suite SERVER SIZE PORT_OFFSET: pytest in its own process group (so servers it leaves behind can be killed).
run_suite() {
  local server=$1 size=$2 offset=$3 name="$1-$2"
  ( cd "$out" && PATH="$shim:$PATH" KAZOO_SUITE_SERVER=$server \
      ZOOKEEPER_CLASSPATH="/usr/share/java/zookeeper.jar:/usr/share/java/zookeeper-jute.jar:/usr/share/java/slf4j-simple.jar" \
      ZOOKEEPER_VERSION=3.8.0 ZOOKEEPER_CLUSTER_SIZE=$size ZOOKEEPER_PORT_OFFSET=$offset KAZOO_SUITE_LOG_DIR="$out/$name" \
      exec setsid /usr/bin/python3 -m pytest -p no:cacheprovider --timeout=180 -q -rfE \
        --junitxml="$out/$name.xml" --pyargs kazoo.tests "${pytest_args[@]}" >"$out/$name.log" 2>&1 ) &
  pids+=($!)
  echo "kazoo-suite-compare: $name started (pytest log $out/$name.log)"
}

started=$SECONDS
offset=23000
for size in $sizes; do
  t0=$SECONDS
  pids=()
  run_suite zookeeper "$size" "$offset"
  [[ $parallel == 1 ]] || { wait "${pids[@]}" || true; }
  run_suite akkazk "$size" $((offset + 1000))
  wait "${pids[@]}" || true
  cleanup
  offset=$((offset + 2000))
  echo
  echo "=== $size server(s): $(( (SECONDS - t0) / 60 )) min $(( (SECONDS - t0) % 60 )) s"
  for server in zookeeper akkazk; do
    [[ -s "$out/$server-$size.xml" ]] || echo "kazoo-suite-compare: no report from $server-$size, see $out/$server-$size.log"
  done
  if [[ -s "$out/zookeeper-$size.xml" && -s "$out/akkazk-$size.xml" ]]; then
    "$shim/failing_sets.py" "$out/zookeeper-$size.xml" "$out/akkazk-$size.xml" "ZooKeeper" "AkkaZk" \
      | tee "$out/compare-$size.txt"
  fi
done
echo
echo "kazoo-suite-compare: done in $(( (SECONDS - started) / 60 )) min, reports in $out"
