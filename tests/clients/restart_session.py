#!/usr/bin/python3
"""What a restarted standalone server does with the sessions it recovered from its log, driven by kazoo.

usage: restart_session.py open host:port STATE_FILE TIMEOUT_MS
       restart_session.py resume host:port STATE_FILE

`open` starts two sessions, `kept` and `idle`, each with an ephemeral node, writes their ids and passwords to
STATE_FILE and exits without closing them (as a client does when its server goes away). The caller stops the
server, keeps it down for longer than the session timeout, and starts it again. `resume` (run as soon as the
server serves again) prints one line per observation, for comparison with Apache ZooKeeper 3.8, which reloads
sessions from its snapshot and log and starts their timeouts afresh at the restart (SessionTrackerImpl):
  - `kept` reconnects with its password: same session, its ephemeral still there;
  - `kept` with a wrong password: the server answers SessionExpired (the session itself lives on);
  - `idle` never comes back: its ephemeral is still there right after the restart and is gone once its timeout
    has run out after the restart.
"""
import json
import sys
import time

from kazoo.client import KazooClient


def open_sessions(hosts, state_file, timeout_ms):
    state = {"timeout_ms": timeout_ms}
    for name in ("kept", "idle"):
        zk = KazooClient(hosts=hosts, timeout=timeout_ms / 1000.0)
        zk.start(timeout=30)
        zk.create(f"/restart-{name}", b"", ephemeral=True)
        session_id, password = zk.client_id
        state[name] = {"id": session_id, "password": password.hex()}
        # no stop(): that would close the session; the socket is dropped when this process exits
    with open(state_file, "w") as f:
        json.dump(state, f)
    print("opened", flush=True)


def connect(hosts, session, timeout_ms, password=None):
    """A client resuming `session`; returns (client, outcome): 'resumed' when the server took the session,
    'expired' when it answered SessionExpired (kazoo then starts a new session: a fresh client's state is
    already LOST, so no listener hears the expiry; the session id tells)."""
    zk = KazooClient(hosts=hosts, timeout=timeout_ms / 1000.0,
                     client_id=(session["id"], password or bytes.fromhex(session["password"])))
    try:
        zk.start(timeout=15)
    except Exception as e:  # noqa: BLE001 - the outcome is what we report
        return zk, f"failed: {type(e).__name__}"
    return zk, "resumed" if zk.client_id[0] == session["id"] else "expired"


def resume(hosts, state_file):
    with open(state_file) as f:
        state = json.load(f)
    timeout_ms = state["timeout_ms"]
    observer = KazooClient(hosts=hosts)
    observer.start(timeout=30)
    restarted = time.monotonic()
    print(f"idle ephemeral right after the restart: {observer.exists('/restart-idle') is not None}", flush=True)

    kept = state["kept"]
    wrong = bytearray(bytes.fromhex(kept["password"]))
    wrong[0] ^= 0xFF
    zk, outcome = connect(hosts, kept, timeout_ms, bytes(wrong))
    print(f"kept session with a wrong password: {outcome}", flush=True)
    zk.stop()
    zk.close()

    zk, outcome = connect(hosts, kept, timeout_ms)
    print(f"kept session with its password: {outcome}", flush=True)
    if outcome == "resumed":
        print(f"kept ephemeral: {zk.exists('/restart-kept') is not None}", flush=True)

    # ZooKeeper rounds expiry up to its next tick (tickTime 2000 ms) and checks once per tick.
    deadline = restarted + timeout_ms / 1000.0 + 4 * 2.0 + 5
    while observer.exists("/restart-idle") is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    print(f"idle ephemeral gone within its timeout after the restart: {observer.exists('/restart-idle') is None}",
          flush=True)
    print(f"kept ephemeral after the idle one expired: {observer.exists('/restart-kept') is not None}", flush=True)
    zk.stop()
    zk.close()
    observer.stop()
    observer.close()


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "open":
        open_sessions(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 4 and sys.argv[1] == "resume":
        resume(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
