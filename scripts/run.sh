#!/usr/bin/env bash
# Starts a standalone AkkaZk node on 127.0.0.1:2181 with its data under ./data (SQLite, the embedded default).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/akkazk" "$root/hocon/examples/standalone/zoo.cfg"
