#!/usr/bin/env bash
# A scripted zkCli session (org.apache.zookeeper.ZooKeeperMain, what zkCli.sh runs) against host:port,
# printed normalised (see normalise_cli.py) so that two servers' outputs can be diffed.
#   zkcli_session.sh host:port
# Works under /zkcli-session, deleting it first. ZK_COMPARE_ZXIDS=absolute keeps zxid values (fresh servers).
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 host:port" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
server=$1
# zkCli.sh's own classpath has no slf4j binding (log noise on stderr); slf4j-nop keeps the output clean.
cp=/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-nop.jar
[[ -r /usr/share/java/zookeeper.jar ]] || { echo "zkcli_session: Apache ZooKeeper jars missing (scripts/install-test-deps.sh)" >&2; exit 1; }

B=/zkcli-session
# digest of user:pass is base64(sha1("user:pass"))
# Leftovers of an earlier run are removed first, quietly, in a session of their own.
cleanup="addauth digest user:pass
setAcl -R $B world:anyone:cdrwa
deleteall $B
quit"
commands=$(cat <<CMDS
create $B "root"
create $B/p "one"
create $B/p "again"
create -s $B/p/s- "seq"
create -s $B/p/s- "seq"
create -e $B/eph "e"
create -s -e $B/p/es- "es"
create -c $B/cont
create $B/cont/kid
create $B/missing/child
get -s $B/p
set $B/p "two"
set -v 0 $B/p "three"
set -s -v 1 $B/p "three"
get -s $B/eph
ls $B
ls -s $B
ls -R $B
stat $B/p
stat $B/nope
get $B/nope
getAllChildrenNumber $B
getEphemerals $B
delete $B/p
delete -v 7 $B/cont/kid
delete $B/cont/kid
get -w $B
ls -w $B
addWatch -m PERSISTENT_RECURSIVE $B/p
set $B/p/s-0000000000 "changed"
create $B/p/new
delete $B/p/new
sync $B
getAcl $B/p
setAcl $B/p world:anyone:ra
set $B/p "denied"
getAcl $B/p
addauth digest user:pass
create $B/secret "s" auth:user:pass:cdrwa
getAcl $B/secret
setAcl -s $B/secret digest:user:smGaoVKd/cQkjm7b88GyorAUz20=:cdrwa,world:anyone:r
get $B/secret
setAcl -v 9 $B/secret world:anyone:cdrwa
whoami
setAcl $B/p world:anyone:cdrwa
deleteall $B/p
ls -R $B
deleteall $B
ls $B
quit
CMDS
)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%s\n' "$cleanup" | timeout 60 java -Xmx128m -cp "$cp" org.apache.zookeeper.ZooKeeperMain -server "$server" > /dev/null 2>&1 || true
# ZooKeeperMain exits with the status of the last command (here a failing `ls`), so only a timeout counts.
rc=0
printf '%s\n' "$commands" | timeout 60 java -Xmx128m -cp "$cp" org.apache.zookeeper.ZooKeeperMain -server "$server" > "$out" 2>&1 || rc=$?
if [[ $rc -eq 124 ]]; then
  echo "zkcli_session: zkCli timed out against $server; its output:" >&2; cat "$out" >&2; exit 1
fi
if ! grep -q "^Created $B\$" "$out"; then
  echo "zkcli_session: the session against $server never created $B; its output:" >&2; cat "$out" >&2; exit 1
fi
"$here/normalise_cli.py" < "$out"
