#!/usr/bin/python3
"""Feeds commands (stdin, one a line) to the C client's shell cli_mt and waits for each to finish.

usage: cli_mt_driver.py host:port OUT ERR < commands

cli_mt runs most commands asynchronously and prints their completion ("...: rc = N") from another thread, so
a command is sent only when the previous one completed: async commands wait for one more completion line,
the rest for their output to settle. cli_mt's stdout and stderr are written to OUT and ERR.
"""
import subprocess
import sys
import threading
import time

ASYNC = {"create", "create2", "delete", "set", "get", "ls", "ls2", "sync"}
WAIT = 15.0  # seconds for one completion
SETTLE = 0.3  # seconds of silence that end a synchronous command
TAIL = 0.1  # seconds of silence after a completion line: its callback prints more lines (name, stat)


class Sink:
    def __init__(self, stream):
        self.lines = []
        self.changed = time.monotonic()
        self.cond = threading.Condition()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for raw in stream:
            with self.cond:
                self.lines.append(raw.decode("utf-8", "replace"))
                self.changed = time.monotonic()
                self.cond.notify_all()

    def count(self, needle):
        with self.cond:
            return sum(needle in line for line in self.lines)

    def wait_count(self, needle, n, timeout=WAIT):
        with self.cond:
            return self.cond.wait_for(lambda: sum(needle in line for line in self.lines) >= n, timeout)


def settle(out, err, quiet):
    """Waits until neither stream has printed for `quiet` seconds (at most WAIT)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() - max(out.changed, err.changed) < quiet and time.monotonic() < deadline:
        time.sleep(0.02)


def main():
    server, out_path, err_path = sys.argv[1:4]
    commands = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    proc = subprocess.Popen(["/usr/lib/zookeeper/bin/cli_mt", server], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = Sink(proc.stdout), Sink(proc.stderr)
    failed = None
    if not err.wait_count("Got a new session id", 1):
        failed = f"no session with {server} within {WAIT}s"
    for cmd in commands if not failed else []:
        before = err.count("rc = ")
        proc.stdin.write((cmd + "\n").encode())
        proc.stdin.flush()
        if cmd.split()[0] in ASYNC:
            if not err.wait_count("rc = ", before + 1):
                failed = f"no completion for `{cmd}` within {WAIT}s"
                break
            settle(out, err, TAIL)
        else:
            time.sleep(SETTLE)
            settle(out, err, SETTLE)
    try:
        proc.stdin.write(b"quit\n")
        proc.stdin.close()
        proc.wait(timeout=WAIT)
    except (BrokenPipeError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()
    time.sleep(0.1)
    with open(out_path, "w") as f:
        f.writelines(out.lines)
    with open(err_path, "w") as f:
        f.writelines(err.lines)
    if failed:
        print(f"cli_mt_driver: {failed}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
