#!/usr/bin/env python3
"""Record the frames Apache ZooKeeper 3.8 exchanges with real clients, for AkkaZk's byte-exact codec tests.

Starts a standalone ZooKeeper (temp dataDir, free port, TTL nodes enabled) and a recording TCP proxy in front of it,
then drives one client through the proxy:
  java   CaptureClient.java (ZooKeeper's own Java client) plus raw sessions (an old client without the readOnly
         byte, an unknown opcode)
  kazoo  kazoo_client.py (run with KAZOO_PYTHON, default /usr/bin/python3)
  c      ZooKeeper's C client cli_mt (CLI_MT, default /usr/lib/zookeeper/bin/cli_mt), fed commands on stdin
and writes one line per frame:

    <dir> <conn> <opcode> <name> <hex of the frame body, without the 4-byte length prefix>

dir is C (client to server) or S (server to client); opcode is "connect" for the handshake frames, else the
request's opcode (a reply carries the opcode of the request with the same xid; a notification is 0).
Usage: python3 capture.py <java|kazoo|c> <output file>   (see README.md)
"""
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ZK_JARS = os.environ.get("ZK_JARS", "/usr/share/java")  # where Debian's ZooKeeper 3.8 package puts its jars
HERE = os.path.dirname(os.path.abspath(__file__))

OPCODE_NAMES = {
    0: "notification", 1: "create", 2: "delete", 3: "exists", 4: "getData", 5: "setData", 6: "getACL",
    7: "setACL", 8: "getChildren", 9: "sync", 11: "ping", 12: "getChildren2", 13: "check", 14: "multi",
    15: "create2", 16: "reconfig", 17: "checkWatches", 18: "removeWatches", 19: "createContainer",
    20: "deleteContainer", 21: "createTTL", 22: "multiRead", 100: "auth", 101: "setWatches", 102: "sasl",
    103: "getEphemerals", 104: "getAllChildrenNumber", 105: "setWatches2", 106: "addWatch", 107: "whoAmI",
    -10: "createSession", -11: "closeSession", -1: "error",
}
DROP_PATH = b"/drop-connection"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.lines = []

    def add(self, direction, conn, opcode, name, body):
        with self.lock:
            self.lines.append(f"{direction} {conn} {opcode} {name} {body.hex()}")


class ProxiedConnection:
    """One client connection: pumps bytes both ways, records each complete frame, pairs replies by xid."""

    def __init__(self, number, client, server_port, recorder):
        self.number = number
        self.client = client
        self.server = socket.create_connection(("127.0.0.1", server_port))
        self.recorder = recorder
        self.pending = {}  # xid -> opcode
        self.drop_xid = None
        self.closed = False

    def start(self):
        threading.Thread(target=self.pump, args=(self.client, self.server, "C"), daemon=True).start()
        threading.Thread(target=self.pump, args=(self.server, self.client, "S"), daemon=True).start()

    def close(self):
        self.closed = True
        for s in (self.client, self.server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def pump(self, src, dst, direction):
        buffer = b""
        first = True
        while not self.closed:
            try:
                chunk = src.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            frames = []
            while len(buffer) >= 4:
                (length,) = struct.unpack(">i", buffer[:4])
                if len(buffer) < 4 + length:
                    break
                frames.append(buffer[4:4 + length])
                buffer = buffer[4 + length:]
            drop = False
            for body in frames:
                if first:
                    self.recorder.add(direction, self.number, "connect", "connect", body)
                    first = False
                elif direction == "C":
                    xid, opcode = struct.unpack(">ii", body[:8])
                    self.pending[xid] = opcode
                    if opcode == 3 and DROP_PATH in body:
                        self.drop_xid = xid
                    self.recorder.add("C", self.number, opcode, OPCODE_NAMES.get(opcode, "unknown"), body)
                else:
                    xid, _zxid, err = struct.unpack(">iqi", body[:16])
                    opcode = 0 if xid == -1 else self.pending.pop(xid, None)
                    name = OPCODE_NAMES.get(opcode, "unknown")
                    self.recorder.add("S", self.number, opcode, name, body)
                    if xid == self.drop_xid:
                        drop = True
            try:
                dst.sendall(chunk)
            except OSError:
                break
            if drop:
                time.sleep(0.1)
                break
        self.close()


def run_proxy(listen_port, server_port, recorder):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", listen_port))
    listener.listen()
    counter = 0
    while True:
        client, _ = listener.accept()
        counter += 1
        ProxiedConnection(counter, client, server_port, recorder).start()


def recv_frame(sock):
    def exactly(n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise EOFError("connection closed")
            data += chunk
        return data

    (length,) = struct.unpack(">i", exactly(4))
    return exactly(length)


def send_frame(sock, body):
    sock.sendall(struct.pack(">i", len(body)) + body)


def raw_sessions(proxy_port):
    """Sessions the Java client cannot produce: an old client without the readOnly byte, an unknown opcode."""
    # Old client: 44-byte ConnectRequest; the server answers 36 bytes. Then ping and closeSession.
    with socket.create_connection(("127.0.0.1", proxy_port)) as s:
        send_frame(s, struct.pack(">iqiqi", 0, 0, 4000, 0, 16) + bytes(16))
        recv_frame(s)
        send_frame(s, struct.pack(">ii", -2, 11))
        recv_frame(s)
        send_frame(s, struct.pack(">ii", 1, -11))
        recv_frame(s)
    time.sleep(0.3)
    # Unknown opcode 999: ZooKeeper answers Unimplemented (-6) and closes.
    with socket.create_connection(("127.0.0.1", proxy_port)) as s:
        send_frame(s, struct.pack(">iqiqi", 0, 0, 4000, 0, 16) + bytes(16) + b"\x00")
        recv_frame(s)
        send_frame(s, struct.pack(">ii", 1, 999))
        s.settimeout(5)
        try:
            recv_frame(s)
        except (EOFError, OSError):
            pass
    time.sleep(0.3)


def wait_until_serving(port):
    """An open port (or ruok -> imok) is not enough: until the server runs it closes connections. Ask srvr."""
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall(b"srvr")
                if s.recv(64).startswith(b"Zookeeper version"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("ZooKeeper did not start")


def run_java(proxy, classpath, work):
    classes = os.path.join(work, "classes")
    subprocess.run(["javac", "-cp", classpath, "-d", classes, os.path.join(HERE, "CaptureClient.java")], check=True)
    subprocess.run(["java", "-cp", classpath + os.pathsep + classes, "CaptureClient", proxy], check=True, timeout=120)
    time.sleep(0.5)
    raw_sessions(int(proxy.rsplit(":", 1)[1]))


def run_kazoo(proxy, classpath, work):
    python = os.environ.get("KAZOO_PYTHON", "/usr/bin/python3")
    subprocess.run([python, os.path.join(HERE, "kazoo_client.py"), proxy], check=True, timeout=120)


C_CLIENT_COMMANDS = [
    "create /c", "create +e /c/e", "create +s /c/s-", "create +es /c/es-", "create2 /c/two", "create2 +c /c/cont",
    "create2 +t=60000 /c/ttl", "create /c", "set /c hello", "get /c", "get /c/missing", "ls /c", "ls2 /c",
    "sync /c", "exists /c", "wexists /c/w", "create /c/w", "delete /c/w", "delete /c/missing", "config",
    "addauth digest carol:pw", "myid",
]


def run_c(proxy, classpath, work):
    cli = os.environ.get("CLI_MT", "/usr/lib/zookeeper/bin/cli_mt")
    process = subprocess.Popen([cli, proxy], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    time.sleep(2)
    for command in C_CLIENT_COMMANDS:
        process.stdin.write(command + "\n")
        process.stdin.flush()
        time.sleep(0.4)
    time.sleep(4)  # idle: the C client pings
    process.stdin.write("quit\n")
    process.stdin.flush()
    out, _ = process.communicate(timeout=30)
    print(out)


CLIENTS = {"java": run_java, "kazoo": run_kazoo, "c": run_c}
CLIENT_DESCRIPTIONS = {"java": "the Java client", "kazoo": "kazoo", "c": "the C client (cli_mt)"}


def main():
    client, out_path = sys.argv[1], sys.argv[2]
    drive = CLIENTS[client]
    work = tempfile.mkdtemp(prefix="zk-capture-")
    zk_port, proxy_port = free_port(), free_port()
    data_dir = os.path.join(work, "data")
    os.makedirs(data_dir)
    cfg = os.path.join(work, "zoo.cfg")
    with open(cfg, "w") as f:
        f.write(f"tickTime=2000\ndataDir={data_dir}\nclientPort={zk_port}\nclientPortAddress=127.0.0.1\n"
                "admin.enableServer=false\n4lw.commands.whitelist=*\n")
    classpath = os.path.join(ZK_JARS, "zookeeper.jar")
    server = subprocess.Popen(
        ["java", "-Dzookeeper.extendedTypesEnabled=true", "-cp", classpath,
         "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg],
        stdout=open(os.path.join(work, "server.log"), "w"), stderr=subprocess.STDOUT)
    try:
        wait_until_serving(zk_port)
        recorder = Recorder()
        threading.Thread(target=run_proxy, args=(proxy_port, zk_port, recorder), daemon=True).start()
        drive(f"127.0.0.1:{proxy_port}", classpath, work)
        time.sleep(0.5)

        version = subprocess.run(["java", "-cp", classpath, "org.apache.zookeeper.version.VersionInfoMain"],
                                 capture_output=True, text=True).stdout.strip()
        with open(out_path, "w") as f:
            f.write(f"# Frames exchanged by {CLIENT_DESCRIPTIONS[client]} and {version},\n")
            f.write(f"# recorded by tests/tools/zk-capture/capture.py {client}. One frame a line:\n")
            f.write("# <C|S> <connection> <opcode|connect> <name> <hex body without the length prefix>\n")
            for line in recorder.lines:
                f.write(line + "\n")
        print(f"wrote {len(recorder.lines)} frames to {out_path}")
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
