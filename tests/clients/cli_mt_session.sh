#!/usr/bin/env bash
# The ZooKeeper C client's shell (cli_mt) driven by stdin commands against host:port, printed normalised
# (see normalise_cli.py) so that two servers' outputs can be diffed.
#   cli_mt_session.sh host:port
# cli_mt runs most commands asynchronously, so cli_mt_driver.py feeds them one at a time, each after the
# previous one completed. Works under /cli-mt-session, which is deleted at the end.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 host:port" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
server=$1
cli=/usr/lib/zookeeper/bin/cli_mt
[[ -x $cli ]] || { echo "cli_mt_session: $cli missing (scripts/install-test-deps.sh)" >&2; exit 1; }

B=/cli-mt-session
commands=$(cat <<CMDS
create $B
create $B
create $B/a
create +s $B/s-
create +s $B/s-
create +e $B/e
create +es $B/es-
create2 $B/c2
create $B/missing/x
set $B/a hello
get $B/a
get $B/missing
ls $B
ls2 $B
exists $B/a
exists $B/nope
wexists $B/w
create $B/w
wexists $B/w
set $B/w changed
delete $B
delete $B/w
delete $B/nope
sync $B
addauth digest user:pass
myid
ls $B
delete $B/a
delete $B/c2
delete $B/e
delete $B/s-0000000001
delete $B/s-0000000002
ls $B
CMDS
)
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# stdout is buffered and stderr is not, so their interleaving is not stable: they are kept apart.
if ! printf '%s\n' "$commands" | timeout 120 "$here/cli_mt_driver.py" "$server" "$out" "$err"; then
  echo "cli_mt_session: cli_mt failed against $server; its output:" >&2; cat "$out" "$err" >&2; exit 1
fi
# The ephemeral-sequential child goes with the session; a second session deletes the parent.
echo "delete $B" | timeout 60 "$here/cli_mt_driver.py" "$server" /dev/null /dev/null || true
if ! grep -q "name = $B\$" "$out" "$err"; then
  echo "cli_mt_session: the session against $server never created $B; its output:" >&2; cat "$out" "$err" >&2; exit 1
fi
"$here/normalise_cli.py" < "$out"
echo "== stderr =="
"$here/normalise_cli.py" < "$err"
