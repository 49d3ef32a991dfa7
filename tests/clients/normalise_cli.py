#!/usr/bin/python3
"""Normalises zkCli.sh / cli_mt output read from stdin so that two servers' sessions can be diffed.

Drops what legitimately differs between runs: times (ctime, mtime, "time = N msec"), session ids,
connection banners and the connect/close watcher events. Zxids are renumbered by first appearance
(zx1, zx2, ...) so that equal zxids stay equal, unless ZK_COMPARE_ZXIDS=absolute (fresh servers) or
ZK_COMPARE_ZXIDS=counter (fresh servers, one of them an ensemble: the epoch, zxid's high 32 bits, is dropped).
zkCli prints watch events from its event thread, racing with the command output; those lines are
moved to the end, sorted, under a heading.
"""
import os
import re
import sys

DROP = [
    r"^Connecting to ", r"^Welcome to ZooKeeper!", r"^JLine support is", r"^WATCHER::$",
    r"^WatchedEvent state:\w+ type:None path:null$", r"^\s*time = \d+ msec$", r"^\s*[cm]time ?=",
    r"^Quitting\.\.\.$", r"^bye$", r"^SLF4J: ",
]
# zkCli: "cZxid = 0x1f"; cli_mt: "czxid=1f"
ZXID = re.compile(r"^(\s*(?:cZxid|mZxid|pZxid) = |\s*(?:czxid|mzxid)=)(0x)?([0-9a-fA-F]+)$")
OWNER = re.compile(r"^(\s*ephemeralOwner = )(0x)?([0-9a-fA-F]+)$")
SESSION = re.compile(r"(session [Ii]d(?::| =) )(0x)?[0-9a-fA-F]+")
# ZooKeeper returns children in its hash set's order, which no client may rely on: runs of listed paths
# (zkCli ls -R: "/a/b"; cli_mt ls: "\tname") and bracketed lists ("[/a, /b]" of getEphemerals) are sorted.
PATH_LINE = re.compile(r"^/\S*$")
CHILD_LINE = re.compile(r"^\t[^=\s]+$")
LIST_LINE = re.compile(r"^\[(.*)\]$")


def sort_runs(lines):
    result, run, kind = [], [], None
    for line in lines + [None]:
        k = None if line is None else ("path" if PATH_LINE.match(line) else "child" if CHILD_LINE.match(line) else None)
        if k is not None and k == kind:
            run.append(line)
            continue
        result.extend(sorted(run))
        run, kind = ([line], k) if k is not None else ([], None)
        if k is None and line is not None:
            m = LIST_LINE.match(line)
            result.append("[" + ", ".join(sorted(m.group(1).split(", "))) + "]" if m and m.group(1) else line)
    return result
EVENT = re.compile(r"^WatchedEvent state:")


def main():
    mode = os.environ.get("ZK_COMPARE_ZXIDS")
    labels = {}
    out, events = [], []
    for raw in sys.stdin:
        line = raw.rstrip("\n")
        if not line.strip() or any(re.search(p, line) for p in DROP):
            continue
        if EVENT.search(line):
            events.append(line)
            continue
        m = ZXID.match(line)
        if m and mode == "counter":
            line = m.group(1) + (m.group(2) or "") + format(int(m.group(3), 16) & 0xFFFFFFFF, "x")
        elif m and mode != "absolute":
            value = int(m.group(3), 16)
            labels.setdefault(value, f"zx{len(labels) + 1}")
            line = m.group(1) + labels[value]
        m = OWNER.match(line)
        if m and int(m.group(3), 16) != 0:
            line = m.group(1) + "SESSION"
        line = SESSION.sub(r"\1SESSION", line)
        out.append(line)
    out = sort_runs(out)
    if events:
        out.append("== watch events (sorted) ==")
        out.extend(sorted(events))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
