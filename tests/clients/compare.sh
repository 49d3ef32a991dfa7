#!/usr/bin/env bash
# Runs one client session script against two servers and diffs the normalised outputs.
#   compare.sh <zkcli_session.sh | cli_mt_session.sh | node/node_client.js> hostA:portA hostB:portB
# Exits 0 when the outputs are equal; otherwise prints the diff (A = first server) and exits 1.
# Set ZK_COMPARE_ZXIDS=absolute when both servers are fresh, to compare zxid values too; ZK_COMPARE_ZXIDS=counter
# when both are fresh but one is an ensemble (zxids compared without their epoch).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 <session script> hostA:portA hostB:portB" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
script=$1 a=$2 b=$3
[[ -e $script ]] || script="$here/$script"
[[ -e $script ]] || { echo "compare: no session script $1" >&2; exit 2; }
run() {
  case "$script" in
    *.js) node "$script" "$1" ;;
    *) "$script" "$1" ;;
  esac
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name=$(basename "$script")
run "$a" > "$work/a.out" 2> "$work/a.err" || { echo "compare: $name failed against A=$a:" >&2; cat "$work/a.out" "$work/a.err" >&2; exit 1; }
run "$b" > "$work/b.out" 2> "$work/b.err" || { echo "compare: $name failed against B=$b:" >&2; cat "$work/b.out" "$work/b.err" >&2; exit 1; }
if ! diff -u --label "A $a" --label "B $b" "$work/a.out" "$work/b.out"; then
  echo "compare: $name differs between A=$a and B=$b (diff above)" >&2
  exit 1
fi
echo "compare: $name output equal on A=$a and B=$b ($(wc -l < "$work/a.out") lines)"
