#!/usr/bin/python3
"""Differential test: one seeded random operation sequence, run in lockstep against two ZooKeeper servers.

usage: differential.py --seed N --ops 10000 --a host:port --b host:port [--sessions 4] [--self-test KIND]

Both servers must be fresh (just started on an empty data dir): then every zxid lines up if both consume
zxids exactly as Apache ZooKeeper does (session creation and close, failed writes included). Every result is
compared: the error class, data, sorted children, ACLs, Stat fields (zxids included; ctime/mtime left out;
ephemeralOwner compared as the logical session that owns the node) and the watch events each session saw,
in order. On the first difference it prints the seed, the op index, the op and both results, and exits 1.

--self-test KIND perturbs server B's side on purpose half-way through (zxid: one extra write on B; data: B
writes different bytes once; event: one watch event of B is dropped) and exits 0 only if the difference is
detected, proving that the comparison can fail.
"""
import argparse
import random
import sys
import threading
import time
from collections import namedtuple

from kazoo.client import KazooClient
from kazoo.exceptions import ZookeeperError, KazooException
from kazoo.protocol.serialization import (Create, Create2, Delete, SetData, CheckVersion, MultiHeader,
                                          multiheader_struct, int_struct, long_struct, read_string, stat_struct,
                                          write_string)
from kazoo.protocol.states import ZnodeStat, Callback
from kazoo.exceptions import EXCEPTIONS
from kazoo.security import ACL, Id, Permissions, make_digest_acl, OPEN_ACL_UNSAFE

TIMEOUT = 20.0
NAMES = ["a", "b", "c", "d", "e"]
CONTAINER = 4  # CreateMode.CONTAINER flag


class CreateContainer(namedtuple("CreateContainer", "path data acl flags")):
    """createContainer (opcode 19): kazoo 2.8 has no call for it; same body and reply as create2."""
    type = 19
    serialize = Create2.serialize
    deserialize = Create2.deserialize


class CreateTTL(namedtuple("CreateTTL", "path data acl flags ttl")):
    """createTTL (opcode 21, needs zookeeper.extendedTypesEnabled=true on the server); reply as create2."""
    type = 21

    def serialize(self):
        b = Create2(self.path, self.data, self.acl, self.flags).serialize()
        b.extend(long_struct.pack(self.ttl))
        return b

    deserialize = Create2.deserialize


class GetAllChildrenNumber(namedtuple("GetAllChildrenNumber", "path")):
    """getAllChildrenNumber (opcode 104): the number of descendants of path."""
    type = 104

    def serialize(self):
        return bytearray(write_string(self.path))

    @classmethod
    def deserialize(cls, data, offset):
        return int_struct.unpack_from(data, offset)[0]


class GetEphemerals(namedtuple("GetEphemerals", "prefix")):
    """getEphemerals (opcode 103): this session's ephemeral paths starting with prefix (a string prefix)."""
    type = 103

    def serialize(self):
        return bytearray(write_string(self.prefix))

    @classmethod
    def deserialize(cls, data, offset):
        count = int_struct.unpack_from(data, offset)[0]
        offset += int_struct.size
        paths = []
        for _ in range(max(count, 0)):
            path, offset = read_string(data, offset)
            paths.append(path)
        return paths


class WhoAmI(namedtuple("WhoAmI", "unused")):
    """whoAmI (opcode 107): the (scheme, user) identities of this session. The request has no body; the unused
    field only keeps the tuple non-empty, since kazoo drops replies to requests that test false."""
    type = 107

    def serialize(self):
        return bytearray()

    @classmethod
    def deserialize(cls, data, offset):
        count = int_struct.unpack_from(data, offset)[0]
        offset += int_struct.size
        infos = []
        for _ in range(max(count, 0)):
            scheme, offset = read_string(data, offset)
            user, offset = read_string(data, offset)
            infos.append((scheme, user))
        return infos


class Multi(namedtuple("Multi", "operations")):
    """multi (opcode 14) whose replies may also come from create2/createContainer (path and stat)."""
    type = 14

    def serialize(self):
        b = bytearray()
        for op in self.operations:
            b.extend(MultiHeader(op.type, False, -1).serialize() + op.serialize())
        return b + multiheader_struct.pack(-1, True, -1)

    @classmethod
    def deserialize(cls, data, offset):
        results = []
        header, offset = MultiHeader.deserialize(data, offset)
        while not header.done:
            if header.type == Create.type:
                response, offset = read_string(data, offset)
            elif header.type in (Create2.type, CreateContainer.type, CreateTTL.type):
                path, offset = read_string(data, offset)
                response = (path, ZnodeStat._make(stat_struct.unpack_from(data, offset)))
                offset += stat_struct.size
            elif header.type == SetData.type:
                response = ZnodeStat._make(stat_struct.unpack_from(data, offset))
                offset += stat_struct.size
            elif header.type in (Delete.type, CheckVersion.type):
                response = "ok"
            elif header.type == -1:
                err = int_struct.unpack_from(data, offset)[0]
                offset += int_struct.size
                response = ("error", EXCEPTIONS[err].__name__)
            else:
                raise ValueError(f"unexpected multi reply type {header.type}")
            results.append(response)
            header, offset = MultiHeader.deserialize(data, offset)
        return results

    @staticmethod
    def unchroot(client, response):
        return response


def acl_choices():
    world = lambda perms: ACL(perms, Id("world", "anyone"))  # noqa: E731
    return {
        "open": OPEN_ACL_UNSAFE,
        "world-read": [world(Permissions.READ)],
        "world-rcd": [world(Permissions.READ | Permissions.CREATE | Permissions.DELETE)],
        "world-noadmin": [world(Permissions.ALL & ~Permissions.ADMIN)],
        "u1-all": [make_digest_acl("u1", "p1", all=True)],
        "u1-all+world-read": [make_digest_acl("u1", "p1", all=True), world(Permissions.READ)],
        "creator-all": [ACL(Permissions.ALL, Id("auth", ""))],
        "ip-local": [ACL(Permissions.ALL, Id("ip", "127.0.0.1"))],
        "empty": [],
    }


ACLS = acl_choices()
ACL_NAMES = list(ACLS)
# Open ACLs are drawn more often so that the tree stays mostly writable.
ACL_WEIGHTS = [12, 1, 2, 2, 1, 1, 1, 1, 1]


class Side:
    """One server: a kazoo client per logical session, the session labels and the watch events seen."""

    def __init__(self, name, hosts, sessions):
        self.name = name
        self.hosts = hosts
        self.clients = [None] * sessions
        self.labels = {}  # session id -> logical label "s<i>.<generation>"
        self.events = [[] for _ in range(sessions)]
        self.seen = [0] * sessions  # events already compared
        self.recorders = [self._recorder(i) for i in range(sessions)]
        self.drop_next_event = False
        self.corrupt_data = False

    def _recorder(self, i):
        def record(event):
            if event.type == "NONE":
                return  # kazoo's own session notices (e.g. CLOSED to every pending watcher on close), not the server's
            if self.drop_next_event:
                self.drop_next_event = False
                return
            self.events[i].append((event.type, event.state, event.path))
        return record

    def open(self, i, generation):
        c = KazooClient(hosts=self.hosts, timeout=30.0)
        c.start(timeout=TIMEOUT)
        self.clients[i] = c
        self.labels[c.client_id[0]] = f"s{i}.{generation}"

    def close(self, i):
        c = self.clients[i]
        c.stop()
        c.close()

    def close_all(self):
        for c in self.clients:
            if c is not None:
                try:
                    c.stop()
                    c.close()
                except Exception:  # noqa: BLE001 - best effort at exit
                    pass

    def armed(self, i):
        """True while kazoo holds a watch of session i that has not fired yet."""
        c = self.clients[i]
        return bool(c._data_watchers) or bool(c._child_watchers)

    def barrier(self, sessions):
        """Waits until every watch event the server sent these sessions before now has reached the recorders:
        a round trip on each connection (events are sent before later replies), then a marker through
        kazoo's callback queue (events are dispatched there in order)."""
        clients = [self.clients[i] for i in sessions]
        pending = [c.exists_async("/") for c in clients]
        for p in pending:
            p.get(timeout=TIMEOUT)
        done = []
        for c in clients:
            ev = threading.Event()
            c.handler.dispatch_callback(Callback("watch", ev.set, ()))
            done.append(ev)
        for ev in done:
            if not ev.wait(TIMEOUT):
                raise RuntimeError(f"{self.name}: callback queue did not drain")

    def new_events(self, i):
        got = self.events[i][self.seen[i]:]
        self.seen[i] = len(self.events[i])
        return got


def norm(side, value):
    """Turns a kazoo result into plain comparable data (session ids become labels, no ctime/mtime)."""
    if isinstance(value, BaseException):
        return ("error", type(value).__name__)
    if isinstance(value, ZnodeStat):
        owner = side.labels.get(value.ephemeralOwner, hex(value.ephemeralOwner)) if value.ephemeralOwner else 0
        return ("stat", value.czxid, value.mzxid, value.version, value.cversion, value.aversion, owner,
                value.dataLength, value.numChildren, value.pzxid)
    if isinstance(value, ACL):
        return (value.perms, value.id.scheme, value.id.id)
    if isinstance(value, tuple):
        return tuple(norm(side, v) for v in value)
    if isinstance(value, list):
        return [norm(side, v) for v in value]
    return value


class Generator:
    """Draws the next operation from the seeded RNG and a loose model of which paths exist."""

    def __init__(self, rng, sessions, ttl=False):
        self.rng = rng
        self.sessions = sessions
        self.ttl = ttl
        self.known = {"/": None}

    def path(self):
        r = self.rng.random()
        if r < 0.6 and len(self.known) > 1:
            return self.rng.choice(list(self.known))
        depth = self.rng.choice([1, 1, 2, 2, 3])
        return "/" + "/".join(self.rng.choice(NAMES) for _ in range(depth))

    def child_path(self):
        parent = self.rng.choice(list(self.known)) if self.rng.random() < 0.7 else self.path()
        if parent.startswith("/zookeeper"):
            parent = "/"
        return (parent.rstrip("/") + "/" + self.rng.choice(NAMES))

    def data(self):
        n = self.rng.choice([None, 0, 0, 1, 3, 8, 20])
        if n is None:
            return None  # sent as length -1: ZooKeeper keeps null data apart from empty data
        return bytes(self.rng.randrange(256) for _ in range(n))

    def version(self):
        return self.rng.choice([-1, -1, 0, 0, 1, 2, 5])

    def mode(self):
        modes = ["persistent", "ephemeral", "sequential", "ephemeral-sequential", "container"]
        weights = [5, 2, 2, 1, 1]
        if self.ttl:
            # ttl 0 is invalid (BadArguments); with the reaper pushed out of the run nothing expires
            modes += ["ttl:3600000", "ttl-sequential:3600000", "ttl:0"]
            weights += [1, 1, 0.2]
        return self.rng.choices(modes, weights)[0]

    def acl(self):
        return self.rng.choices(ACL_NAMES, ACL_WEIGHTS)[0]

    def sub_op(self):
        kind = self.rng.choice(["create", "create", "delete", "set", "check"])
        if kind == "create":
            return ("create", self.child_path(), self.data(), self.mode(), self.acl())
        if kind == "delete":
            return ("delete", self.path(), self.version())
        if kind == "set":
            return ("set", self.path(), self.data(), self.version())
        return ("check", self.path(), self.version())

    def next(self):
        s = self.rng.randrange(self.sessions)
        kind = self.rng.choices(
            ["create", "set", "delete", "exists", "get", "children", "children2", "multi", "get_acl",
             "set_acl", "add_auth", "sync", "reconnect", "all_children_number", "ephemerals", "whoami"],
            [20, 12, 12, 10, 10, 8, 3, 8, 4, 4, 2, 2, 1, 1, 1, 0.5])[0]
        watch = self.rng.random() < 0.5
        if kind == "create":
            return (kind, s, self.child_path(), self.data(), self.mode(), self.acl())
        if kind == "set":
            return (kind, s, self.path(), self.data(), self.version())
        if kind == "delete":
            return (kind, s, self.path(), self.version())
        if kind in ("exists", "get", "children", "children2"):
            return (kind, s, self.path(), watch)
        if kind == "multi":
            return (kind, s, [self.sub_op() for _ in range(self.rng.randint(1, 4))])
        if kind == "get_acl":
            return (kind, s, self.path())
        if kind == "set_acl":
            return (kind, s, self.path(), self.acl(), self.rng.choice([-1, -1, 0, 1]))
        if kind == "add_auth":
            return (kind, s, self.rng.choice(["u1:p1", "u2:p2", "u1:wrong"]))
        if kind in ("sync", "all_children_number"):
            return (kind, s, self.path())
        if kind == "ephemerals":
            return (kind, s, self.rng.choice(["/", "/a", "/b/", "/c/d"]) if self.rng.random() < 0.5 else self.path())
        return (kind, s)

    def learn(self, op, result):
        """Updates the path model from server A's result (identical to B's, or the run already stopped)."""
        kind = op[0]
        if kind == "create" and isinstance(result, tuple) and result and result[0] == "created":
            self.known[result[1]] = None
        elif kind in ("children", "children2") and isinstance(result, list):
            for child in result:
                self.known[op[2].rstrip("/") + "/" + child] = None
        elif kind == "delete" and result == "ok":
            self.known.pop(op[2], None)
        elif kind == "multi" and isinstance(result, list):
            for sub, r in zip(op[2], result):
                if sub[0] == "create" and isinstance(r, tuple) and r and isinstance(r[0], str) and r[0].startswith("/"):
                    self.known[r[0]] = None
                elif sub[0] == "delete" and r == "ok":
                    self.known.pop(sub[1], None)
        if isinstance(result, tuple) and result[:2] == ("error", "NoNodeError") and kind in ("get", "exists", "set", "delete"):
            self.known.pop(op[2], None)
        if len(self.known) == 0:
            self.known["/"] = None


# Ops that can trigger watches (a reconnect closes a session and so deletes its ephemerals).
WRITES = {"create", "set", "delete", "multi", "reconnect"}


def flags_of(mode):
    return {"persistent": 0, "ephemeral": 1, "sequential": 2, "ephemeral-sequential": 3, "container": CONTAINER,
            "ttl": 5, "ttl-sequential": 6}[mode]


def create_request(path, data, mode, acl_name):
    if mode.startswith("ttl"):
        kind, ttl = mode.split(":")
        return CreateTTL(path, data, ACLS[acl_name], flags_of(kind), int(ttl))
    flags = flags_of(mode)
    if flags == CONTAINER:
        return CreateContainer(path, data, ACLS[acl_name], flags)
    return Create2(path, data, ACLS[acl_name], flags)


def start(side, op):
    """Sends op on one side and returns a function that waits for its normalised result."""
    kind, s = op[0], op[1]
    c = side.clients[s]
    if side.corrupt_data and kind in ("create", "set"):
        op = op[:3] + ((op[3] or b"") + b"!",) + op[4:]
    rec = side.recorders[s]
    if kind == "create":
        ar = c.handler.async_result()
        c._call(create_request(*op[2:]), ar)
        return lambda: ("created",) + tuple(norm(side, ar.get(timeout=TIMEOUT)))
    if kind == "set":
        ar = c.handler.async_result()
        c._call(SetData(op[2], op[3], op[4]), ar)  # kazoo's set() refuses None data
        return lambda: norm(side, ar.get(timeout=TIMEOUT))
    if kind == "delete":
        ar = c.delete_async(op[2], op[3])
        return lambda: (ar.get(timeout=TIMEOUT), "ok")[1]
    if kind == "exists":
        ar = c.exists_async(op[2], watch=rec if op[3] else None)
        return lambda: norm(side, ar.get(timeout=TIMEOUT))
    if kind == "get":
        ar = c.get_async(op[2], watch=rec if op[3] else None)
        return lambda: norm(side, ar.get(timeout=TIMEOUT))
    if kind == "children":
        ar = c.get_children_async(op[2], watch=rec if op[3] else None)
        return lambda: sorted(ar.get(timeout=TIMEOUT))
    if kind == "children2":
        ar = c.get_children_async(op[2], watch=rec if op[3] else None, include_data=True)
        return lambda: (lambda r: (sorted(r[0]), norm(side, r[1])))(ar.get(timeout=TIMEOUT))
    if kind == "multi":
        reqs = []
        for sub in op[2]:
            if sub[0] == "create":
                reqs.append(create_request(*sub[1:]))
            elif sub[0] == "delete":
                reqs.append(Delete(sub[1], sub[2]))
            elif sub[0] == "set":
                reqs.append(SetData(sub[1], sub[2], sub[3]))
            else:
                reqs.append(CheckVersion(sub[1], sub[2]))
        ar = c.handler.async_result()
        c._call(Multi(reqs), ar)
        return lambda: norm(side, ar.get(timeout=TIMEOUT))
    if kind == "get_acl":
        ar = c.get_acls_async(op[2])
        return lambda: norm(side, tuple(ar.get(timeout=TIMEOUT)))
    if kind == "set_acl":
        ar = c.set_acls_async(op[2], ACLS[op[3]], op[4])
        return lambda: norm(side, ar.get(timeout=TIMEOUT))
    if kind == "add_auth":
        ar = c.add_auth_async("digest", op[2])
        return lambda: ar.get(timeout=TIMEOUT)
    if kind == "sync":
        ar = c.sync_async(op[2])
        return lambda: ar.get(timeout=TIMEOUT)
    raw = {"all_children_number": lambda: GetAllChildrenNumber(op[2]),
           "ephemerals": lambda: GetEphemerals(op[2]),
           "whoami": lambda: WhoAmI(None)}
    if kind in raw:
        ar = c.handler.async_result()
        c._call(raw[kind](), ar)
        # the server keeps a session's ephemerals in a hash set: their order means nothing
        return lambda: (lambda r: sorted(r) if kind != "all_children_number" else r)(ar.get(timeout=TIMEOUT))
    raise ValueError(kind)


def outcome(wait):
    try:
        return wait()
    except (ZookeeperError, KazooException) as e:
        return norm(None, e)
    except Exception as e:  # noqa: BLE001 - a timeout or a broken connection is a result to compare too
        return ("failure", type(e).__name__, str(e))


def run_both(a, b, op, generation):
    """Runs op on both sides concurrently and returns both normalised results."""
    if op[0] == "reconnect":
        s = op[1]
        # Events not yet dispatched would die with the old client's handler: let them reach the recorder first.
        for side in (a, b):
            side.barrier([s])
        generation[s] += 1
        results = {}

        def cycle(side):
            side.close(s)
            side.open(s, generation[s])
            results[side.name] = ("reconnected", side.labels[side.clients[s].client_id[0]])
        threads = [threading.Thread(target=cycle, args=(x,)) for x in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results.get("A", "failed"), results.get("B", "failed")
    wa, wb = start(a, op), start(b, op)
    return outcome(wa), outcome(wb)


def outcome_name(result):
    if isinstance(result, tuple) and result and result[0] == "error":
        return result[1]
    if isinstance(result, list) and result and any(isinstance(r, tuple) and r and r[0] == "error" for r in result):
        return "multi-failed:" + next(r[1] for r in result if isinstance(r, tuple) and r and r[0] == "error"
                                       and r[1] not in ("RolledBackError", "RuntimeInconsistency"))
    return "ok"


def compare_events(a, b, sessions):
    """Drains the watch events of these sessions on both sides; returns (session, events A, events B) if they differ."""
    if not sessions:
        return None
    ta = threading.Thread(target=a.barrier, args=(sessions,))
    ta.start()
    b.barrier(sessions)
    ta.join()
    for s in sessions:
        ea, eb = a.new_events(s), b.new_events(s)
        if ea != eb:
            return s, ea, eb
    return None


def report(args, index, op, ra, rb, what="result"):
    print(f"DIFFERENCE in {what}: seed={args.seed} op#{index} op={op!r}")
    print(f"  A {args.a}: {ra!r}")
    print(f"  B {args.b}: {rb!r}")


def run(args):
    rng = random.Random(args.seed)
    gen = Generator(rng, args.sessions, ttl=args.ttl)
    a, b = Side("A", args.a, args.sessions), Side("B", args.b, args.sessions)
    generation = [0] * args.sessions
    perturb_at = args.ops // 2 if args.self_test else -1
    try:
        # Sessions open one after the other on each server, so both give out session zxids in the same order.
        for i in range(args.sessions):
            ta = threading.Thread(target=a.open, args=(i, 0))
            ta.start()
            b.open(i, 0)
            ta.join()
        started = time.time()
        last_full_check = -1
        tally = {}
        for index in range(args.ops):
            op = gen.next()
            if index == perturb_at:
                perturb(args.self_test, b)
            try:
                ra, rb = run_both(a, b, op, generation)
            except Exception as e:  # noqa: BLE001 - e.g. a session that cannot be re-opened
                report(args, index, op, "?", f"{type(e).__name__}: {e}", what="run (exception)")
                return index
            if ra != rb:
                report(args, index, op, ra, rb)
                return index
            gen.learn(op, ra)
            tally[(op[0], outcome_name(ra))] = tally.get((op[0], outcome_name(ra)), 0) + 1
            if args.full_barrier_every and (index % args.full_barrier_every == 0 or index == args.ops - 1):
                sessions = list(range(args.sessions))
            elif args.exact_events and op[0] in WRITES:
                sessions = [s for s in range(args.sessions) if a.armed(s) or b.armed(s)]
            else:
                sessions = []
            try:
                difference = compare_events(a, b, sessions)
            except Exception as e:  # noqa: BLE001 - a server that stopped answering
                report(args, index, op, "?", f"{type(e).__name__}: {e}", what="event barrier (exception)")
                return index
            if difference:
                s, ea, eb = difference
                since = "" if args.exact_events or args.full_barrier_every == 1 else (
                    f" (events are compared every {args.full_barrier_every} ops, so the cause lies after "
                    f"op#{last_full_check}; rerun with --exact-events to pinpoint it)")
                report(args, index, op, ea, eb, what=f"watch events of session s{s} up to this op{since}")
                return index
            if len(sessions) == args.sessions:
                last_full_check = index
            if args.progress and index and index % args.progress == 0:
                print(f"  ... {index} ops, {time.time() - started:.1f}s", flush=True)
        print(f"differential: seed={args.seed} {args.ops} ops equal on A={args.a} and B={args.b} "
              f"({time.time() - started:.1f}s, {len(gen.known)} paths known)")
        if args.stats:
            for (kind, result), count in sorted(tally.items()):
                print(f"  {kind:10} {result:28} {count}")
        return None
    finally:
        a.close_all()
        b.close_all()


def perturb(kind, b):
    if kind == "zxid":
        b.clients[0].create("/self-test-extra-write")
    elif kind == "data":
        b.corrupt_data = True  # from now on every create or set on B writes one byte more
    elif kind == "event":
        b.drop_next_event = True  # the next watch event B delivers is lost
    else:
        raise SystemExit(f"unknown self-test kind {kind}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--ops", type=int, default=10000)
    ap.add_argument("--a", required=True, help="host:port of server A (e.g. Apache ZooKeeper)")
    ap.add_argument("--b", required=True, help="host:port of server B (e.g. AkkaZk)")
    ap.add_argument("--sessions", type=int, default=4)
    ap.add_argument("--full-barrier-every", type=int, default=100,
                    help="compare the watch events of all sessions every N ops (besides after each write that "
                         "may trigger a pending watch); 1 checks after every op")
    ap.add_argument("--exact-events", action="store_true",
                    help="also compare events after every write while a watch is pending (slower, pinpoints the op)")
    ap.add_argument("--ttl", action="store_true",
                    help="also create TTL nodes (both servers need -Dzookeeper.extendedTypesEnabled=true)")
    ap.add_argument("--stats", action="store_true", help="print how often each op kind ended how")
    ap.add_argument("--progress", type=int, default=0, help="print progress every N ops")
    ap.add_argument("--self-test", choices=["zxid", "data", "event"],
                    help="perturb B half-way and succeed only if the difference is detected")
    args = ap.parse_args()

    try:
        differs_at = run(args)
    except Exception as e:  # noqa: BLE001 - e.g. a server that cannot be reached at all
        print(f"differential: seed={args.seed} could not run against A={args.a} B={args.b}: {type(e).__name__}: {e}")
        sys.exit(1)
    if args.self_test:
        if differs_at is not None and differs_at >= args.ops // 2:
            print(f"self-test {args.self_test}: OK, the perturbation at op#{args.ops // 2} was detected at op#{differs_at}")
            sys.exit(0)
        print(f"self-test {args.self_test}: FAILED, the perturbation at op#{args.ops // 2} was not detected"
              + (f" (a difference before it, at op#{differs_at})" if differs_at is not None else ""))
        sys.exit(1)
    sys.exit(0 if differs_at is None else 1)


if __name__ == "__main__":
    main()
