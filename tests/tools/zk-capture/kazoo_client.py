"""Drives kazoo (the Python client) through the requests it can send; run by capture.py with kazoo's python."""
import sys
import time

from kazoo.client import KazooClient
from kazoo.exceptions import KazooException
from kazoo.security import make_digest_acl


def attempt(name, step):
    try:
        step()
        print("ok  ", name)
    except KazooException as e:
        print("fail", name, type(e).__name__)


def main():
    zk = KazooClient(hosts=sys.argv[1], timeout=4.0)
    zk.start(timeout=20)
    attempt("auth", lambda: zk.add_auth("digest", "bob:pw"))
    attempt("create", lambda: zk.create("/kz", b"root"))
    attempt("create ephemeral", lambda: zk.create("/kz/e", b"e", ephemeral=True))
    attempt("create sequential", lambda: zk.create("/kz/s-", b"s", sequence=True))
    attempt("create2", lambda: zk.create("/kz/d", b"d", include_data=True))
    attempt("create NodeExists", lambda: zk.create("/kz/d", b"d"))
    attempt("exists watch", lambda: zk.exists("/kz/d", watch=lambda event: print("event", event)))
    attempt("exists NoNode", lambda: zk.exists("/kz/missing"))
    attempt("get watch", lambda: zk.get("/kz/d", watch=lambda event: print("event", event)))
    attempt("set fires watch", lambda: zk.set("/kz/d", b"d2"))
    attempt("set BadVersion", lambda: zk.set("/kz/d", b"d3", version=42))
    attempt("get_children", lambda: zk.get_children("/kz"))
    attempt("get_children2", lambda: zk.get_children("/kz", include_data=True))
    attempt("get_acls", lambda: zk.get_acls("/kz/d"))
    attempt("set_acls", lambda: zk.set_acls("/kz/d", [make_digest_acl("bob", "pw", all=True)]))
    attempt("sync", lambda: zk.sync("/kz"))

    def transaction(ok):
        t = zk.transaction()
        t.create("/kz/t1", b"t")
        t.check("/kz/d", 1 if ok else 7)
        t.set_data("/kz/d", b"t")
        t.delete("/kz/t1")
        print("results", t.commit())

    attempt("transaction", lambda: transaction(True))
    attempt("transaction fails", lambda: transaction(False))
    # No reconfig: kazoo 2.8 does not know ReconfigDisabled (-123) and its connection thread dies on it.
    attempt("delete", lambda: zk.delete("/kz/e"))
    attempt("delete NotEmpty", lambda: zk.delete("/kz"))
    time.sleep(3)  # idle: kazoo pings
    zk.stop()
    zk.close()


if __name__ == "__main__":
    main()
