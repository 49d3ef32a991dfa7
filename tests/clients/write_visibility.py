#!/usr/bin/python3
"""How often a write is not yet visible on another server when the writer's reply arrives, with kazoo.

    write_visibility.py ROUNDS NAME=HOST:PORT,HOST:PORT,HOST:PORT [NAME=...]

For every ensemble one session per server. For each ordered pair of servers (writer, reader), ensemble after
ensemble, ROUNDS rounds: the writer's session creates a znode and, as soon as the create returns, the reader's
session asks exists (no sync). Prints one line per ensemble and pair: "NAME WRITER READER MISSED ROUNDS"
(servers numbered from 1 in the order given).
"""
import sys

from kazoo.client import KazooClient

WARM_UP_ROUNDS = 30


def connect(host):
    client = KazooClient(hosts=host, timeout=10)
    client.start(timeout=60)
    return client


def main():
    rounds = int(sys.argv[1])
    ensembles = []
    for arg in sys.argv[2:]:
        name, hosts = arg.split("=", 1)
        clients = [connect(h) for h in hosts.split(",")]
        clients[0].ensure_path("/visibility")
        clients[0].sync("/visibility")
        ensembles.append((name, clients, [0]))

    def round_once(clients, counter, writer, reader):
        counter[0] += 1
        path = clients[writer].create(f"/visibility/n{counter[0]}")
        return clients[reader].exists(path) is not None

    for _, clients, counter in ensembles:
        for i in range(WARM_UP_ROUNDS):
            round_once(clients, counter, i % 3, (i + 1) % 3)
    pairs = [(w, r) for w in range(3) for r in range(3) if w != r]
    for writer, reader in pairs:
        for name, clients, counter in ensembles:
            missed = sum(1 for _ in range(rounds) if not round_once(clients, counter, writer, reader))
            print(f"{name} {writer + 1} {reader + 1} {missed} {rounds}", flush=True)
    for _, clients, _ in ensembles:
        for client in clients:
            client.stop()
            client.close()


if __name__ == "__main__":
    main()
