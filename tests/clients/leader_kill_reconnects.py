#!/usr/bin/python3
"""Kazoo sessions spread over an ensemble while its leader is SIGKILLed: the state transitions each one sees.

usage: leader_kill_reconnects.py --hosts A,B,C --kill-pid PID [--clients N] [--timeout SECONDS] [--settle SECONDS]

Client i connects first to host i mod 3 (its host list rotated, not shuffled) and fails over along that list.
Once all are connected, the server process --kill-pid (the leader) is SIGKILLed. Every client then moves to a
server of the new leader; the script waits until all are connected again and then --settle seconds more, so that
a connection dropped shortly after it was granted is seen. Prints one JSON line: per client, the port it started
on and its transitions after the kill as [seconds since the kill, state, port connected to], and exits 0; or
prints `FAIL: why` and exits 1.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time

from kazoo.client import KazooClient
from kazoo.protocol.states import KazooState


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def peer_port(zk):
    # kazoo keeps no public record of the server it is connected to; its socket does
    try:
        return zk._connection._socket.getpeername()[1]
    except (AttributeError, OSError):
        return None


class Recorder:
    """One client's transitions, stamped against the kill."""

    def __init__(self, changed):
        self.changed = changed
        self.killed = None
        self.connected_before_kill = False
        self.events = []
        self.zk = None

    def __call__(self, state):
        # kazoo calls listeners on its connection thread; the socket is the new one already when CONNECTED
        port = peer_port(self.zk) if state == KazooState.CONNECTED else None
        with self.changed:
            if self.killed is not None:
                self.events.append([round(time.monotonic() - self.killed, 3), str(state), port])
            elif state == KazooState.CONNECTED:
                self.connected_before_kill = True
            self.changed.notify_all()

    def connected_again(self):
        return bool(self.events) and self.events[-1][1] == str(KazooState.CONNECTED)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", required=True)
    parser.add_argument("--kill-pid", type=int, required=True)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--timeout", type=float, default=10.0, help="session timeout in seconds")
    parser.add_argument("--settle", type=float, default=2.0)
    args = parser.parse_args()
    hosts = args.hosts.split(",")

    changed = threading.Condition()
    recorders = []
    for i in range(args.clients):
        k = i % len(hosts)
        recorder = Recorder(changed)
        zk = KazooClient(hosts=",".join(hosts[k:] + hosts[:k]), timeout=args.timeout, randomize_hosts=False)
        recorder.zk = zk
        zk.add_listener(recorder)
        zk.start(timeout=30)
        recorders.append(recorder)
    started_on = [peer_port(r.zk) for r in recorders]

    with changed:
        # kazoo calls listeners after start() returns: the first CONNECTED must not be taken for one after the kill
        if not changed.wait_for(lambda: all(r.connected_before_kill for r in recorders), timeout=10):
            fail("kazoo reported no CONNECTED for every client before the kill")
        killed = time.monotonic()
        for recorder in recorders:
            recorder.killed = killed
    os.kill(args.kill_pid, signal.SIGKILL)

    with changed:
        if not changed.wait_for(lambda: all(r.connected_again() for r in recorders), timeout=40):
            fail(f"not every client reconnected within 40 s: {[r.events for r in recorders]}")
    time.sleep(args.settle)
    with changed:
        report = [{"started_on": port, "events": list(r.events)} for port, r in zip(started_on, recorders)]
    for recorder in recorders:
        recorder.zk.stop()
        recorder.zk.close()
    print(json.dumps({"clients": report}), flush=True)


if __name__ == "__main__":
    main()
