#!/usr/bin/python3
"""Read-only mode checks with kazoo.

    read_only.py write CONNECT PATH VALUE   set PATH to VALUE through a read-write session (creating it)
    read_only.py check HOST:PORT PATH VALUE  against a server cut off from its quorum: a read-only session reads
                                             VALUE, its writes and syncs fail with NotReadOnlyCallError, and a
                                             read-write client cannot connect there
Prints "read_only: ok" and exits 0 when every check held.
"""
import sys

from kazoo.client import KazooClient
from kazoo.exceptions import NotReadOnlyCallError
from kazoo.handlers.threading import KazooTimeoutError


def write(connect, path, value):
    client = KazooClient(hosts=connect, timeout=10)
    client.start(timeout=30)
    client.ensure_path(path)
    client.set(path, value.encode())
    client.stop()
    client.close()


def check(host, path, value):
    client = KazooClient(hosts=host, read_only=True, timeout=10)
    client.start(timeout=30)
    if client.client_state != "CONNECTED_RO":
        sys.exit(f"read-only session state is {client.client_state}, not CONNECTED_RO")
    data, _ = client.get(path)
    if data != value.encode():
        sys.exit(f"read-only read of {path} gave {data!r}, expected {value!r}")
    for name, call in [("create", lambda: client.create(path + "/x", b"")),
                       ("set", lambda: client.set(path, b"changed"))]:
        try:
            call()
            sys.exit(f"{name} succeeded on a read-only server")
        except NotReadOnlyCallError:
            pass
    client.stop()
    client.close()
    writer = KazooClient(hosts=host, timeout=4)
    try:
        writer.start(timeout=4)
        sys.exit("a read-write client connected to a read-only server")
    except KazooTimeoutError:
        pass
    finally:
        writer.stop()
        writer.close()
    print("read_only: ok")


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else check)(*sys.argv[2:])
