#!/usr/bin/python3
"""Drives the telnet client through a pty, as a person at a terminal would.

  telnetclient.py HOST USER WRONG_PASSWORD PASSWORD

Logs in with the wrong password first (login answers "Login incorrect" and
asks again), then with the right one, runs one echo command and exits.
Prints a JSON summary (the prompts seen, the command's output) for the
ground truth. Every wait is bounded; any missing prompt is an error.
"""
import json
import os
import pty
import select
import sys
import time

TIMEOUT = 20


class Session:
    def __init__(self, argv: list) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp(argv[0], argv)
        self.seen = b""

    def expect(self, *needles: bytes) -> bytes:
        """Reads until one of `needles` appears after what was consumed; returns it."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for n in needles:
                i = self.seen.find(n)
                if i >= 0:
                    self.seen = self.seen[i + len(n):]
                    return n
            left = deadline - time.monotonic()
            if left <= 0:
                sys.exit(f"timed out waiting for {needles!r}; last output: {self.seen[-300:]!r}")
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    sys.exit(f"telnet ended while waiting for {needles!r}; last output: {self.seen[-300:]!r}")
                sys.stderr.write(chunk.decode("utf-8", "replace"))
                self.seen += chunk

    def type(self, text: str) -> None:
        # Typed slowly enough that each line is read as the person typed it.
        time.sleep(0.3)
        os.write(self.fd, text.encode() + b"\r")

    def wait(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                os.read(self.fd, 4096)
            except OSError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.1)
        sys.exit("telnet did not exit")


def main() -> None:
    host, user, wrong, password = sys.argv[1:]
    s = Session(["telnet", host])
    s.expect(b"login: ")
    s.type(user)
    s.expect(b"Password: ")
    s.type(wrong)
    s.expect(b"Login incorrect")
    s.expect(b"login: ")
    s.type(user)
    s.expect(b"Password: ")
    s.type(password)
    s.expect(b"$ ")
    s.type("echo pcapscope-telnet-$((6*7))")
    s.expect(b"pcapscope-telnet-42")
    s.expect(b"$ ")
    s.type("exit")
    code = s.wait()
    print(json.dumps({"user": user, "refused_first": True, "command": "echo pcapscope-telnet-$((6*7))",
                      "command_output": "pcapscope-telnet-42", "telnet_exit": code}))


if __name__ == "__main__":
    main()
