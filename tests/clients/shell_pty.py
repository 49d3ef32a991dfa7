#!/usr/bin/python3
"""Drives `akkazk shell HOST:PORT` interactively through a pseudo-terminal, as a person at a keyboard would.

    shell_pty.py LAUNCHER HOST:PORT

Checks the prompt, tab completion of a command and of a path, the up arrow recalling the last command, editing in
the middle of a line (left arrow, insert), and quit. Prints "shell_pty: ok" and exits 0 when every step showed what
it should; otherwise exits non-zero with the step and the screen output.
"""
import os
import pty
import re
import select
import sys
import time

UP, LEFT, TAB, ENTER = b"\x1b[A", b"\x1b[D", b"\t", b"\r"


class Terminal:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm"
            os.execv(argv[0], argv)
        self.screen = ""
        self.seen = 0  # what earlier steps matched is not matched again

    def read_until(self, pattern, step, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = re.search(pattern, self.screen[self.seen:])
            if match:
                self.seen += match.end()
                return
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    self.screen += os.read(self.fd, 4096).decode(errors="replace")
                except OSError:
                    break
        sys.exit(f"step '{step}': {pattern!r} never appeared; screen so far:\n{self.screen}")

    def type(self, *keys):
        for key in keys:
            os.write(self.fd, key)
            time.sleep(0.15)


def main(launcher, server):
    term = Terminal([launcher, "shell", server])
    tag = f"/pty{os.getpid()}"  # fresh names: completion must find exactly this run's node
    prompt = r"\[zk: [^\]]*\(CONNECTED\) \d+\] "
    term.read_until(prompt, "first prompt")
    term.type(f"create {tag}a hello".encode(), ENTER)
    term.read_until(f"Created {tag}a", "create")
    term.read_until(prompt, "prompt after create")
    # "ge" + Tab: several commands start with it (get, getAcl, ...): they are listed and "get" is kept
    term.type(b"ge", TAB)
    term.read_until(r"getAcl", "command completion lists the candidates")
    term.type(f" {tag}".encode(), TAB, ENTER)
    term.read_until(r"hello", "path completion and get")
    term.read_until(prompt, "prompt after get")
    term.type(UP, ENTER)
    term.read_until(f"get {tag}a" + r"[\s\S]*hello", "up arrow recalls the last command")
    term.read_until(prompt, "prompt after the recalled get")
    term.type(f"create {tag}b wrld".encode(), LEFT, LEFT, LEFT, b"o", ENTER)
    term.read_until(f"Created {tag}b", "create after editing")
    term.type(f"get {tag}b".encode(), ENTER)
    term.read_until(r"world", "the edited value was stored")
    term.type(b"quit", ENTER)
    _, status = os.waitpid(term.pid, 0)
    if os.WEXITSTATUS(status) != 0:
        sys.exit(f"akkazk shell exited with {os.WEXITSTATUS(status)}; screen:\n{term.screen}")
    print("shell_pty: ok")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
