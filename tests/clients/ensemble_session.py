#!/usr/bin/python3
"""A kazoo session that survives the crash of its server: kazoo moves it to another server of the ensemble.

usage: ensemble_session.py --hosts A,B,C --kill-pid PID --path /znode [--timeout SECONDS] [--new-leader]

Connects to A (the first host; the host list is not shuffled), creates the ephemeral --path, SIGKILLs the
server process --kill-pid (A's), waits until kazoo is connected again, and checks that it is the same session,
now on another server, and that the ephemeral still exists there with that session as its owner. Then closes the
session; with --new-leader (A led) only once another server leads, so that the close is not lost to a server
that is about to go looking. Prints one JSON line with what it saw and exits 0, or `FAIL: why` and exits 1.
"""
import argparse
import json
import os
import signal
import socket
import sys
import threading
import time

from kazoo.client import KazooClient
from kazoo.exceptions import ConnectionLoss, SessionMovedError
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


def srvr_mode(port):
    """The `Mode:` of the server's srvr answer (leader, follower, looking), or None if it does not answer."""
    if port is None:
        return None
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"srvr")
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
    except OSError:
        return None
    for line in answer.decode(errors="replace").splitlines():
        if line.startswith("Mode: "):
            return line[len("Mode: "):].strip()
    return None


def new_leader_serves(survivors, connected):
    """A survivor leads, so the others left the old leader, and the session's server serves."""
    return any(srvr_mode(p) == "leader" for p in survivors) and srvr_mode(connected) in ("leader", "follower")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", required=True)
    parser.add_argument("--kill-pid", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--timeout", type=float, default=10.0, help="session timeout in seconds")
    parser.add_argument("--new-leader", action="store_true",
                        help="the killed server leads: wait for the next leader before checking and closing")
    args = parser.parse_args()
    ports = [int(h.rsplit(":", 1)[1]) for h in args.hosts.split(",")]
    first_port = ports[0]

    states = []
    changed = threading.Condition()

    def listener(state):
        with changed:
            states.append(state)
            changed.notify_all()

    def connected_again():
        # CONNECTED after a LOST or SUSPENDED that came after the kill
        after = states[seen_before_kill:]
        return any(s != KazooState.CONNECTED for s in after) and after[-1] == KazooState.CONNECTED

    zk = KazooClient(hosts=args.hosts, timeout=args.timeout, randomize_hosts=False)
    zk.add_listener(listener)
    zk.start(timeout=30)
    if peer_port(zk) != first_port:
        fail(f"connected to port {peer_port(zk)}, not to the first host {first_port}")
    session_id = zk.client_id[0]
    zk.create(args.path, b"ephemeral", ephemeral=True)

    with changed:
        seen_before_kill = len(states)
    os.kill(args.kill_pid, signal.SIGKILL)
    killed = time.monotonic()
    with changed:
        if not changed.wait_for(connected_again, timeout=30):
            fail(f"kazoo did not reconnect within 30 s; states seen: {states}")
    reconnected = time.monotonic() - killed
    moved_to = peer_port(zk)

    # The server kazoo moved to may itself drop the connection a moment later (a follower of a killed leader
    # goes looking for a new one), so the checks and the close wait until a sync has gone through the ensemble.
    deadline = time.monotonic() + 30
    while True:
        try:
            if args.new_leader and not new_leader_serves(ports[1:], peer_port(zk)):
                raise ConnectionLoss("no new leader yet")
            zk.sync(args.path)
            stat = zk.exists(args.path)
            break
        except (ConnectionLoss, SessionMovedError) as e:
            if time.monotonic() > deadline:
                fail(f"no sync through the ensemble within 30 s of the move: {type(e).__name__}; states seen: {states}")
            time.sleep(0.1)

    if zk.client_id[0] != session_id:
        fail(f"a new session 0x{zk.client_id[0]:x} instead of 0x{session_id:x}; states seen: {states}")
    closed_on = peer_port(zk)
    if first_port in (moved_to, closed_on):
        fail("reconnected to the killed server's port")
    if stat is None:
        fail(f"the ephemeral {args.path} is gone after the move to port {closed_on}")
    if stat.ephemeralOwner != session_id:
        fail(f"ephemeralOwner 0x{stat.ephemeralOwner:x} is not the session 0x{session_id:x}")

    zk.stop()  # closeSession, sent to the server the session is on now
    zk.close()
    print(json.dumps({
        "session": f"0x{session_id:x}",
        "first_port": first_port,
        "moved_to": moved_to,
        "closed_on": closed_on,
        "reconnect_seconds": round(reconnected, 2),
        "states": [str(s) for s in states],
    }), flush=True)


if __name__ == "__main__":
    main()
