#!/usr/bin/env bash
# Installs what the process and differential tests need, only when it is missing (idempotent, quiet):
# Apache ZooKeeper 3.8 (zookeeper, zookeeper-bin), kazoo for /usr/bin/python3, Curator's jars and javac (the
# lock stress client tests/clients/curator is compiled at test time), node + npm, and the node client packages
# in tests/clients/node. Needs root only when something has to be installed with apt.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

missing=()
for pkg in zookeeper zookeeper-bin python3-kazoo libcurator-framework-java libcurator-recipes-java libcurator-client-java; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if (( ${#missing[@]} > 0 )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-test-deps: missing ${missing[*]}; run this script as root" >&2; exit 1
  fi
  echo "install-test-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_dir="$repo/tests/clients/node"
if [[ ! -d $node_dir/node_modules/node-zookeeper-client ]]; then
  echo "install-test-deps: npm ci in tests/clients/node"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
