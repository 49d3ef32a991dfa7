#!/usr/bin/python3
"""Lock-safety stress with kazoo's Lock recipe: many sessions in one process take a few shared locks in turn.

usage: lock_stress_kazoo.py --hosts A,B,C --root /path --out FILE --stop-file FILE
                            [--clients 6] [--locks 2] [--session-timeout 15] [--max-seconds 600]
                            [--broken early-release]

Client i connects to the hosts rotated by i (randomize_hosts off), so the sessions spread over the servers. Each
loop takes a random lock {root}/kazoo/lock-L with kazoo.recipe.lock.Lock and then, as holder:
  1. reads the lock's children with the parent's Stat (pzxid) and the lowest child's Stat (its owner and czxid):
     the server's own word that this session holds the lock, and a zxid at which it did;
  2. reads the counter {root}/kazoo/counter-L ("value acquisition-id", value == version) and writes value + 1
     back on the version it read; the write's Stat gives its zxid;
  3. releases the lock.
A holder stops acting as one as soon as its connection is SUSPENDED or LOST: it skips what is left of the
critical section. A write whose connection broke is resolved afterwards (sync, then read the counter) while the
session still holds the lock. Every session of the process shares one table of holders per lock, so a holder
that finds another live holder in it is reported at once (the in-process check).
--broken early-release releases the lock before the counter write (and sleeps a little): a lock that is broken on
purpose, for showing that the checker catches it.

Writes one JSON line per acquisition to --out (fields in `acquisition` below), `event` lines for state changes,
in-process overlaps and errors, and at the end a `final` line per lock with the counter's value, version and
mzxid. Runs until --stop-file exists (or --max-seconds), then closes its sessions and exits 0.
"""
import argparse
import json
import os
import random
import sys
import threading
import time

from kazoo.client import KazooClient
from kazoo.exceptions import (BadVersionError, ConnectionLoss, KazooException, LockTimeout, NodeExistsError,
                              NoNodeError, OperationTimeoutError, SessionExpiredError)
from kazoo.protocol.states import KazooState

RETRY = dict(max_tries=-1, delay=0.05, backoff=1.5, max_delay=1.0)


class Output:
    """JSON lines, one writer at a time, flushed at once so the test can count progress while the run goes on."""

    def __init__(self, path):
        self._file = open(path, "w", encoding="utf-8")
        self._mutex = threading.Lock()

    def write(self, record):
        line = json.dumps(record, separators=(",", ":"))
        with self._mutex:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self):
        self._file.close()


class Holders:
    """Which session of this process acts as each lock's holder (the in-process check)."""

    def __init__(self, out):
        self._out = out
        self._mutex = threading.Lock()
        self._holder = {}

    def enter(self, lock, who):
        with self._mutex:
            other = self._holder.get(lock)
            self._holder[lock] = who
        if other is not None:
            self._out.write({"event": "local-overlap", "lock": lock, "holder": who, "other": other, "t": now_ms()})

    def leave(self, lock, who):
        with self._mutex:
            if self._holder.get(lock) == who:
                del self._holder[lock]


def now_ms():
    return int(time.time() * 1000)


def sequence(child):
    return int(child[-10:])


class Worker(threading.Thread):
    def __init__(self, index, args, holders, out, stop):
        super().__init__(daemon=True)
        hosts = args.hosts.split(",")
        rotated = hosts[index % len(hosts):] + hosts[:index % len(hosts)]
        self.index = index
        self.name_ = f"k{index}"
        self.args = args
        self.holders = holders
        self.out = out
        self.stop = stop
        self.rng = random.Random(index)
        self.zk = KazooClient(hosts=",".join(rotated), randomize_hosts=False, timeout=args.session_timeout,
                              connection_retry=dict(RETRY), command_retry=dict(RETRY, deadline=60))
        self.generation = 0  # bumped on every state change; a holder acts only while it stays the same
        self.state = None
        self.current_lock = None
        self.zk.add_listener(self.on_state)
        self.count = 0
        self.failure = None
        self.closing = False  # kazoo reports its own close as LOST: not a lost session

    def on_state(self, state):
        # kazoo calls listeners on its connection thread: record and return at once
        if self.closing:
            return
        self.generation += 1
        self.state = state
        if state in (KazooState.SUSPENDED, KazooState.LOST) and self.current_lock is not None:
            self.holders.leave(self.current_lock, self.name_)
        self.out.write({"event": "state", "client": self.name_, "state": str(state), "t": now_ms()})

    def run(self):
        try:
            self.zk.start(timeout=60)
            root = self.args.root + "/kazoo"
            locks = [self.zk.Lock(f"{root}/lock-{i}", self.name_) for i in range(self.args.locks)]
            while not self.stop.is_set():
                i = self.rng.randrange(self.args.locks)
                self.once(locks[i], f"{root}/lock-{i}", f"{root}/counter-{i}")
        except Exception as e:  # report, never hang the run
            self.failure = repr(e)
            self.out.write({"event": "error", "client": self.name_, "error": repr(e), "t": now_ms()})
        finally:
            self.closing = True
            try:
                self.zk.stop()
                self.zk.close()
            except Exception:
                pass

    def once(self, lock, lock_path, counter_path):
        try:
            if not lock.acquire(timeout=5):
                return
        except LockTimeout:
            return
        except KazooException as e:
            self.out.write({"event": "acquire-failed", "client": self.name_, "lock": lock_path, "error": repr(e), "t": now_ms()})
            return
        self.count += 1
        record = {"lib": "kazoo", "client": self.name_, "id": f"{self.name_}-{self.count}", "lock": lock_path,
                  "counter": counter_path, "node": lock.node, "t_acquired": now_ms()}
        generation = self.generation
        released = False
        if self.state != KazooState.CONNECTED:
            record["outcome"] = "abandoned"
        else:
            self.current_lock = lock_path
            self.holders.enter(lock_path, self.name_)
            try:
                released = self.critical_section(lock, lock_path, counter_path, record, generation)
            finally:
                self.holders.leave(lock_path, self.name_)
                self.current_lock = None
        if not released:
            try:
                lock.release()
            except KazooException as e:
                record["release_error"] = repr(e)
        record["t_released"] = now_ms()
        self.out.write(record)

    def holding(self, generation):
        return self.generation == generation and self.state == KazooState.CONNECTED

    def critical_section(self, lock, lock_path, counter_path, record, generation):
        """Returns whether the lock was released already (only --broken does that)."""
        zk = self.zk
        record["session"] = zk.client_id[0]
        try:
            children, parent = zk.get_children(lock_path, include_data=True)
            lowest = min(children, key=sequence)
            owner = zk.exists(f"{lock_path}/{lowest}")
            if not self.holding(generation):
                record["outcome"] = "abandoned"
                return False
            record.update(pzxid=parent.pzxid, lowest=lowest,
                          lowest_owner=owner.ephemeralOwner if owner else None,
                          lowest_czxid=owner.czxid if owner else None)
            data, stat = zk.get(counter_path)
            if not self.holding(generation):
                record["outcome"] = "abandoned"
                return False
        except (ConnectionLoss, SessionExpiredError, OperationTimeoutError, NoNodeError, ValueError) as e:
            record.update(outcome="abandoned", reason=repr(e))
            return False
        value = int(data.decode().split(" ")[0])
        record.update(read_value=value, read_version=stat.version, read_mzxid=stat.mzxid)
        mine = f"{value + 1} {record['id']}".encode()
        released = False
        if self.args.broken == "early-release":
            lock.release()
            released = True
            time.sleep(0.03)
        try:
            written = zk.set(counter_path, mine, version=stat.version)
            record.update(outcome="written", write_value=value + 1, write_version=written.version, write_zxid=written.mzxid)
        except BadVersionError:
            record["outcome"] = "bad-version"
        except (ConnectionLoss, OperationTimeoutError, SessionExpiredError) as e:
            record["reason"] = repr(e)
            self.resolve(counter_path, mine, data, stat, record)
        return released

    def resolve(self, counter_path, mine, read_data, read_stat, record):
        """A write whose reply was lost: once reconnected with the same session (so the lock is still held), sync and
        read the counter back. Ours: written; still what was read: not applied; anything else: someone else wrote."""
        session = record["session"]
        deadline = time.time() + 2 * self.args.session_timeout
        while time.time() < deadline:
            if self.state == KazooState.LOST:
                break
            client_id = self.zk.client_id  # None while not connected
            if self.state != KazooState.CONNECTED or client_id is None:
                time.sleep(0.05)
                continue
            if client_id[0] != session:
                break
            try:
                self.zk.sync(counter_path)
                data, stat = self.zk.get(counter_path)
            except (ConnectionLoss, OperationTimeoutError):
                continue
            except SessionExpiredError:
                break
            if data == mine:
                record.update(outcome="written", resolved=True, write_value=record["read_value"] + 1,
                              write_version=stat.version, write_zxid=stat.mzxid)
            elif data == read_data and stat.version == read_stat.version:
                record.update(outcome="not-applied", resolved=True)
            else:
                record.update(outcome="foreign-write", found=data.decode(), found_version=stat.version)
            return
        record.update(outcome="unresolved", write_value=record["read_value"] + 1)


def set_up(zk, root, locks):
    for i in range(locks):
        zk.ensure_path(f"{root}/kazoo/lock-{i}")
        try:
            zk.create(f"{root}/kazoo/counter-{i}", b"0 none")
        except NodeExistsError:
            pass


def finals(zk, root, locks, out):
    for i in range(locks):
        path = f"{root}/kazoo/counter-{i}"
        zk.sync(path)
        data, stat = zk.get(path)
        out.write({"event": "final", "lib": "kazoo", "lock": f"{root}/kazoo/lock-{i}", "counter": path,
                   "value": int(data.decode().split(" ")[0]), "version": stat.version, "mzxid": stat.mzxid})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stop-file", required=True)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--locks", type=int, default=2)
    parser.add_argument("--session-timeout", type=float, default=15.0)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--broken", choices=["early-release"])
    args = parser.parse_args()

    out = Output(args.out)
    admin = KazooClient(hosts=args.hosts, timeout=args.session_timeout, connection_retry=dict(RETRY),
                        command_retry=dict(RETRY, deadline=60))
    admin.start(timeout=60)
    admin.retry(set_up, admin, args.root, args.locks)
    admin.stop()
    admin.close()

    stop = threading.Event()
    holders = Holders(out)
    workers = [Worker(i, args, holders, out, stop) for i in range(args.clients)]
    for w in workers:
        w.start()
    started = time.time()
    while not os.path.exists(args.stop_file) and time.time() - started < args.max_seconds:
        time.sleep(0.1)
    stop.set()
    for w in workers:
        w.join(60)
    stuck = [w.name_ for w in workers if w.is_alive()]

    admin = KazooClient(hosts=args.hosts, timeout=args.session_timeout, connection_retry=dict(RETRY),
                        command_retry=dict(RETRY, deadline=60))
    admin.start(timeout=60)
    admin.retry(finals, admin, args.root, args.locks, out)
    admin.stop()
    admin.close()
    failures = [f"{w.name_}: {w.failure}" for w in workers if w.failure]
    out.write({"event": "done", "lib": "kazoo", "acquisitions": sum(w.count for w in workers), "stuck": stuck,
               "failures": failures})
    out.close()
    print(f"lock_stress_kazoo: {sum(w.count for w in workers)} acquisitions by {len(workers)} sessions"
          + (f"; stuck: {stuck}" if stuck else "") + (f"; failures: {failures}" if failures else ""))
    sys.exit(1 if stuck or failures else 0)


if __name__ == "__main__":
    main()
