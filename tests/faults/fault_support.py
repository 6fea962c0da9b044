"""Helpers of the fault suite: resource limits for a server (set in the child before it
starts), waiting for a condition or a log line, and a measurement log.

Measurements (descriptors held, time to recover…) are printed as ``FAULT-NUMBER name=value``
lines: ``pytest tests/faults -s | grep FAULT-NUMBER`` collects them. Tests never assert on
time; a deadline below only turns a hang into a failure.
"""

from __future__ import annotations

import resource
import socket
import time
from collections.abc import Callable

from example_support import Server

HANG = 15.0  # seconds after which a condition that should hold is a hang


def limits(nofile: int | None = None, address_space: int | None = None,
           stack: int | None = None) -> Callable[[], None]:
    """A preexec function setting soft and hard limits (so the server cannot raise them)."""
    def apply() -> None:
        if nofile is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        if stack is not None:
            resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))
        if address_space is not None:
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    return apply


def wait_until(condition: Callable[[], bool], what: str, timeout: float = HANG) -> float:
    """Seconds until condition() held; fails after timeout (a hang)."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"{what}: not after {timeout} s"
        time.sleep(0.02)
    return time.monotonic() - start


def log_lines(server: Server, text: str) -> int:
    return sum(text in line for line in "".join(server.stderr).splitlines())


def number(name: str, value: float | int) -> None:
    print(f"FAULT-NUMBER {name}={value}")


def http_get(port: int, path: str, timeout: float = HANG) -> tuple[int, bytes]:
    """One GET on a new connection: (status, body); raises on no answer within timeout."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body
