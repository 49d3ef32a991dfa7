#!/usr/bin/python3
"""Behavioural checks any correct ZooKeeper 3.8 server must pass, driven by the kazoo client.

usage: kazoo_suite.py host:port [--only NAME]

Prints one `PASS name` / `FAIL name: reason` line per check and exits 1 if any check failed.
Assertions are on behaviour only (never on zxid values or session ids).
host:port may list several servers of an ensemble; clients then land on different servers, so a client that reads
what another session wrote first calls sync() (`seen`), as ZooKeeper requires: without it a follower may still be
a commit behind the server that answered the writer.
"""
import argparse
import sys
import threading
import time
import traceback
import uuid

from kazoo.client import KazooClient
from kazoo.exceptions import (BadVersionError, NoAuthError, NodeExistsError, NoNodeError,
                              NotEmptyError, NoChildrenForEphemeralsError, RolledBackError,
                              RuntimeInconsistency)
from kazoo.protocol.states import EventType
from kazoo.security import make_digest_acl, make_acl, OPEN_ACL_UNSAFE

WAIT = 10.0  # seconds to wait for a watch event or a recipe step
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def seen(zk, path):
    """sync(path) first: zk's server has caught up with the leader, so other sessions' finished writes are visible."""
    zk.sync(path)
    return zk


class Fail(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise Fail(message)


def expect_raises(exc_type, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc_type:
        return
    except Exception as e:  # noqa: BLE001 - we report the wrong exception
        raise Fail(f"expected {exc_type.__name__} from {fn.__name__}{args}, got {type(e).__name__}: {e}")
    raise Fail(f"expected {exc_type.__name__} from {fn.__name__}{args}, call succeeded")


class Events:
    """Collects watch events from kazoo's callback thread so the test thread can wait for them."""

    def __init__(self):
        self.items = []
        self.cond = threading.Condition()

    def __call__(self, event):
        with self.cond:
            self.items.append((event.type, event.path))
            self.cond.notify_all()

    def wait_for(self, count, timeout=WAIT):
        with self.cond:
            self.cond.wait_for(lambda: len(self.items) >= count, timeout)
            return list(self.items)


class Suite:
    def __init__(self, hosts):
        self.hosts = hosts
        self.clients = []
        self.root = "/kazoo-suite-" + uuid.uuid4().hex[:8]

    def client(self, auth=None):
        c = KazooClient(hosts=self.hosts, timeout=10.0, auth_data=auth)
        c.start(timeout=15)
        self.clients.append(c)
        return c

    def close_all(self):
        for c in self.clients:
            try:
                c.stop()
                c.close()
            except Exception:  # noqa: BLE001 - best effort cleanup
                pass
        self.clients.clear()


@check
def crud(s):
    zk = s.client()
    zk.ensure_path(s.root)
    p = s.root + "/crud"
    expect(zk.create(p, b"v0") == p, "create returns the path")
    data, stat = zk.get(p)
    expect(data == b"v0" and stat.version == 0 and stat.dataLength == 2, f"get after create: {data} {stat}")
    expect(stat.czxid == stat.mzxid and stat.ephemeralOwner == 0 and stat.numChildren == 0, f"fresh stat {stat}")
    expect_raises(NodeExistsError, zk.create, p, b"again")
    stat2 = zk.set(p, b"v1", version=0)
    expect(stat2.version == 1 and stat2.mzxid > stat.mzxid, f"set bumps version and mzxid: {stat2}")
    expect_raises(BadVersionError, zk.set, p, b"v2", version=0)
    expect(zk.get(p)[0] == b"v1", "failed set leaves data")
    expect(zk.set(p, b"", version=-1).version == 2, "version -1 always matches")
    expect_raises(NoNodeError, zk.create, s.root + "/missing/child", b"")
    zk.create(p + "/c1")
    expect(zk.exists(p).numChildren == 1, "parent counts its child")
    pstat = zk.exists(p)
    expect(pstat.cversion == 1 and pstat.pzxid >= pstat.mzxid, f"cversion/pzxid follow children: {pstat}")
    expect_raises(NotEmptyError, zk.delete, p)
    expect_raises(BadVersionError, zk.delete, p + "/c1", version=5)
    zk.delete(p + "/c1", version=0)
    zk.delete(p)
    expect(zk.exists(p) is None, "deleted node is gone")
    expect_raises(NoNodeError, zk.delete, p)
    expect_raises(NoNodeError, zk.get, p)
    expect_raises(NoNodeError, zk.set, p, b"")
    big = bytes(range(256)) * 1000
    zk.create(p, big)
    expect(zk.get(p)[0] == big, "256 kB data round-trips")
    expect(zk.get_children("/zookeeper") == ["config", "quota"] or
           sorted(zk.get_children("/zookeeper")) == ["config", "quota"], "/zookeeper holds config and quota")


@check
def null_data_stays_apart_from_empty_data(s):
    zk = s.client()
    zk.ensure_path(s.root)
    zk.create(s.root + "/null", None)  # sent with length -1
    zk.create(s.root + "/empty", b"")
    expect(zk.get(s.root + "/null")[0] is None, "null data reads back as null (length -1)")
    expect(zk.get(s.root + "/empty")[0] == b"", "empty data reads back as empty")
    expect(zk.exists(s.root + "/null").dataLength == 0, "null data has dataLength 0")
    zk.set(s.root + "/null", b"")
    expect(zk.get(s.root + "/null")[0] == b"", "setting empty data replaces null")


@check
def sequential_and_ephemeral_nodes(s):
    zk = s.client()
    base = s.root + "/seq"
    zk.ensure_path(base)
    a = zk.create(base + "/n-", b"", sequence=True)
    b = zk.create(base + "/n-", b"", sequence=True)
    expect(a.endswith("n-0000000000") and b.endswith("n-0000000001"), f"sequence numbers start at 0: {a} {b}")
    zk.create(base + "/plain")
    c = zk.create(base + "/n-", b"", sequence=True)
    expect(c.endswith("n-0000000003"), f"sequence follows the parent's cversion: {c}")
    zk.delete(c)
    d = zk.create(base + "/x", b"", sequence=True)
    expect(d.endswith("x0000000004"), f"deletes also bump cversion: {d}")

    other = s.client()
    e = other.create(base + "/eph", b"", ephemeral=True)
    stat = seen(zk, e).exists(e)
    expect(stat.ephemeralOwner == other.client_id[0], "ephemeralOwner is the creating session")
    es = other.create(base + "/eseq-", b"", ephemeral=True, sequence=True)
    expect_raises(NoChildrenForEphemeralsError, other.create, e + "/child", b"")
    other.stop()
    other.close()
    expect(seen(zk, e).exists(e) is None and zk.exists(es) is None, "closing the session removes its ephemerals")


@check
def data_exists_and_child_watches(s):
    zk = s.client()
    writer = s.client()
    base = s.root + "/watch"
    zk.ensure_path(base)
    p = base + "/w"

    ev = Events()
    expect(zk.exists(p, watch=ev) is None, "exists on missing node")
    writer.create(p, b"")
    got = ev.wait_for(1)
    expect(got == [(EventType.CREATED, p)], f"exists watch fires NodeCreated: {got}")

    ev = Events()
    zk.get(p, watch=ev)
    writer.set(p, b"1")
    writer.set(p, b"2")
    got = ev.wait_for(1)
    time.sleep(0.2)
    expect(ev.items == [(EventType.CHANGED, p)], f"data watch fires once: {ev.items}")

    ev = Events()
    zk.get_children(base, watch=ev)
    writer.create(base + "/child")
    got = ev.wait_for(1)
    expect(got == [(EventType.CHILD, base)], f"child watch fires on create: {got}")

    ev = Events()
    zk.get_children(base, watch=ev)
    writer.set(base + "/child", b"x")
    time.sleep(0.3)
    expect(ev.items == [], f"child watch ignores data changes of a child: {ev.items}")
    writer.delete(base + "/child")
    got = ev.wait_for(1)
    expect(got == [(EventType.CHILD, base)], f"child watch fires on delete: {got}")

    ev = Events()
    zk.get(p, watch=ev)
    writer.delete(p)
    got = ev.wait_for(1)
    expect(got == [(EventType.DELETED, p)], f"data watch fires NodeDeleted: {got}")

    # A session's own write: the notification arrives before the write's reply.
    ev = Events()
    zk.exists(p, watch=ev)
    zk.create(p)
    expect(ev.wait_for(1, timeout=2) == [(EventType.CREATED, p)], "own writes notify too")


@check
def transactions(s):
    zk = s.client()
    base = s.root + "/txn"
    zk.ensure_path(base)
    t = zk.transaction()
    t.create(base + "/a", b"a")
    t.create(base + "/b", b"b")
    t.set_data(base + "/a", b"a2")
    t.check(base + "/a", 1)
    t.create(base + "/s-", b"", sequence=True)
    res = t.commit()
    expect(res[0] == base + "/a" and res[1] == base + "/b", f"creates report paths: {res}")
    expect(res[2].version == 1 and res[3] is True and res[4].endswith("s-0000000002"), f"set/check/seq results: {res}")
    res_seq = res[4]
    expect(zk.get(base + "/a")[0] == b"a2", "multi applied")

    t = zk.transaction()
    t.create(base + "/c", b"")
    t.delete(base + "/b", version=7)
    t.set_data(base + "/a", b"never")
    res = t.commit()
    # ZooKeeper reports ok (kazoo: RolledBackError) for ops before the failing one, the failure itself,
    # and RuntimeInconsistency for the ops after it.
    expect(isinstance(res[0], RolledBackError) and isinstance(res[1], BadVersionError)
           and isinstance(res[2], RuntimeInconsistency), f"failed multi reports each op: {res}")
    expect(zk.exists(base + "/c") is None and zk.get(base + "/a")[0] == b"a2", "failed multi changes nothing")

    t = zk.transaction()
    t.check(base + "/nope", 0)
    res = t.commit()
    expect(isinstance(res[0], NoNodeError), f"check on a missing node: {res}")

    t = zk.transaction()
    t.delete(base + "/a")
    t.delete(base + "/b")
    t.delete(res_seq)
    t.delete(base)
    res = t.commit()
    expect(res == [True, True, True, True] and zk.exists(base) is None, f"delete children then parent in one multi: {res}")


@check
def acls_and_digest_auth(s):
    admin = s.client(auth=[("digest", "admin:secret")])
    base = s.root + "/acl"
    admin.ensure_path(s.root)
    acl = make_digest_acl("admin", "secret", all=True)
    admin.create(base, b"hidden", acl=[acl])
    got, stat = admin.get_acls(base)
    expect(len(got) == 1 and got[0].id.scheme == "digest" and got[0].id.id == acl.id.id and got[0].perms == 31,
           f"getACL returns the digest ACL: {got}")
    expect(stat.aversion == 0, "fresh aversion")

    anon = seen(s.client(), base)
    expect_raises(NoAuthError, anon.get, base)
    expect_raises(NoAuthError, anon.set, base, b"x")
    expect_raises(NoAuthError, anon.create, base + "/c", b"")
    expect(anon.exists(base) is not None, "exists needs no permission")
    expect_raises(NoAuthError, anon.get_acls, base)  # 3.8 wants READ or ADMIN for getACL

    anon.add_auth("digest", "admin:wrong")
    expect_raises(NoAuthError, anon.get, base)
    anon.add_auth("digest", "admin:secret")
    expect(anon.get(base)[0] == b"hidden", "after addauth with the right password reads work")

    reader = make_digest_acl("reader", "r", read=True)
    admin.set_acls(base, [acl, reader])
    expect(admin.get_acls(base)[1].aversion == 1, "setACL bumps aversion")
    expect_raises(BadVersionError, admin.set_acls, base, [acl], version=0)
    r = seen(s.client(auth=[("digest", "reader:r")]), base)
    expect(r.get(base)[0] == b"hidden", "read permission allows get")
    expect_raises(NoAuthError, r.set, base, b"x")

    w = make_acl("world", "anyone", read=True, create=True)
    admin.create(base + "/open", b"", acl=[w, acl])
    anon2 = seen(s.client(), base + "/open")
    anon2.create(base + "/open/kid")
    expect_raises(NoAuthError, anon2.delete, base + "/open")  # world lacks DELETE on base
    expect_raises(NoAuthError, anon2.set_acls, base + "/open", OPEN_ACL_UNSAFE)  # and ADMIN on open
    expect_raises(NoAuthError, anon2.set, base + "/open", b"")
    admin.set_acls(base + "/open", OPEN_ACL_UNSAFE)
    seen(anon2, base + "/open").delete(base + "/open/kid")

    ipacl = make_acl("ip", "127.0.0.1", all=True)
    admin.create(base + "/ip", b"ip", acl=[ipacl])
    expect(seen(anon2, base + "/ip").get(base + "/ip")[0] == b"ip", "ip ACL matches loopback clients")


@check
def recipe_lock(s):
    a, b = s.client(), s.client()
    path = s.root + "/lock"
    la, lb = a.Lock(path, "a"), b.Lock(path, "b")
    expect(la.acquire(timeout=WAIT), "first lock acquires")
    expect(not lb.acquire(blocking=False), "second lock is refused while held")
    expect(sorted(la.contenders()) == ["a"] or la.contenders()[0] == "a", f"contenders: {la.contenders()}")
    got = threading.Event()
    t = threading.Thread(target=lambda: lb.acquire(timeout=WAIT) and got.set())
    t.start()
    time.sleep(0.3)
    la.release()
    t.join(WAIT)
    expect(got.is_set(), "release hands the lock over")
    lb.release()


@check
def recipe_election(s):
    a, b = s.client(), s.client()
    path = s.root + "/election"
    leader = []
    won = threading.Event()
    ea, eb = a.Election(path, "a"), b.Election(path, "b")

    def run_a():
        leader.append("a")
        won.set()
        time.sleep(0.5)

    ta = threading.Thread(target=ea.run, args=(run_a,))
    ta.start()
    expect(won.wait(WAIT), "a becomes leader")
    seen(b, path)
    expect(eb.contenders()[0] == "a", f"a leads the contenders: {eb.contenders()}")
    won.clear()
    tb = threading.Thread(target=eb.run, args=(lambda: (leader.append("b"), won.set()),))
    tb.start()
    ta.join(WAIT)
    expect(won.wait(WAIT) and leader == ["a", "b"], f"b leads after a returns: {leader}")
    tb.join(WAIT)


@check
def recipe_barrier(s):
    a, b = s.client(), s.client()
    path = s.root + "/barrier"
    ba = a.Barrier(path)
    ba.create()
    seen(b, path)
    passed = threading.Event()
    t = threading.Thread(target=lambda: b.Barrier(path).wait(WAIT) and passed.set())
    t.start()
    time.sleep(0.3)
    expect(not passed.is_set(), "waiters block while the barrier stands")
    ba.remove()
    t.join(WAIT)
    expect(passed.is_set(), "removing the barrier releases waiters")

    n = 3
    clients = [s.client() for _ in range(n)]
    entered = []
    def enter(c, i):
        db = c.DoubleBarrier(s.root + "/double", n, identifier=f"p{i}")
        db.enter()
        entered.append(i)
        db.leave()
    threads = [threading.Thread(target=enter, args=(c, i)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT * 2)
    expect(sorted(entered) == list(range(n)), f"double barrier lets all {n} through: {entered}")


@check
def recipe_queue(s):
    a, b = s.client(), s.client()
    q = a.Queue(s.root + "/queue")
    for item in [b"1", b"2", b"3"]:
        q.put(item)
    q.put(b"urgent", priority=1)
    qb = seen(b, s.root + "/queue").Queue(s.root + "/queue")
    expect(len(qb) == 4, f"queue length {len(qb)}")
    got = [qb.get() for _ in range(4)]
    expect(got == [b"urgent", b"1", b"2", b"3"], f"priority then FIFO order: {got}")
    expect(qb.get() is None, "empty queue returns None")

    lq = a.LockingQueue(s.root + "/lqueue")
    lq.put(b"job")
    lqb = seen(b, s.root + "/lqueue").LockingQueue(s.root + "/lqueue")
    expect(lqb.get(WAIT) == b"job", "locking queue hands out the item")
    expect(lqb.consume(), "consume removes it")
    expect(len(lqb) == 0, "nothing left")


@check
def recipe_counter(s):
    a, b = s.client(), s.client()
    ca, cb = a.Counter(s.root + "/counter"), b.Counter(s.root + "/counter")
    ca += 5
    cb += 2
    ca -= 1
    seen(b, s.root + "/counter")
    expect(cb.value == 6 and ca.value == 6, f"counter sums concurrent updates: {ca.value}")

    def bump(c):
        for _ in range(20):
            c += 1
    threads = [threading.Thread(target=bump, args=(x.Counter(s.root + "/counter"),)) for x in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT * 2)
    expect(seen(a, s.root + "/counter").Counter(s.root + "/counter").value == 46, "versioned set serialises concurrent increments")


def cleanup(s):
    zk = s.client()
    try:
        zk.delete(s.root, recursive=True)
    except Exception:  # noqa: BLE001 - ACL'd nodes may resist; the server is fresh per test run anyway
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("server", help="host:port")
    ap.add_argument("--only", help="run only the check with this name")
    args = ap.parse_args()

    suite = Suite(args.server)
    failed = []
    for fn in CHECKS:
        if args.only and fn.__name__ != args.only:
            continue
        try:
            fn(suite)
            print(f"PASS {fn.__name__}", flush=True)
        except Fail as e:
            failed.append(fn.__name__)
            print(f"FAIL {fn.__name__}: {e}", flush=True)
        except Exception as e:  # noqa: BLE001 - any error fails the check, with its trace
            failed.append(fn.__name__)
            print(f"FAIL {fn.__name__}: {type(e).__name__}: {e}", flush=True)
            traceback.print_exc(file=sys.stdout)
        finally:
            suite.close_all()
    cleanup(suite)
    suite.close_all()
    if failed:
        print(f"kazoo_suite: {len(failed)} check(s) failed against {args.server}: {', '.join(failed)}")
        sys.exit(1)
    print(f"kazoo_suite: all checks passed against {args.server}")


if __name__ == "__main__":
    main()
