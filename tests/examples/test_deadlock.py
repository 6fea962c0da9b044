"""examples/deadlock built with ``flux build`` and loaded with concurrent clients on both
paths, in every runtime.

Path A holds x and takes y; path C holds y and enters D, which needs x. Without the checker's
elevation of x to C (FLX603) the two could deadlock; with it every request must finish
(a watchdog fails the test on a hang), B's and D's plain counters must be exact and the
nodes' constraint checks must see no violation.
"""

from __future__ import annotations

import re
import socket

from example_support import Builder, Server, concurrently

WATCHDOG = 120.0  # seconds for the whole load: longer is a hang


def ask(port: int, path: bytes) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(path + b"\n")
        return sock.makefile("rb").readline().decode()


def test_both_paths_under_load_always_finish(build_example: Builder, runtime: str) -> None:
    clients, each = 12, 40
    with Server(build_example("deadlock"), runtime, ["--port=0"]) as server:  # either form
        def client(n: int) -> None:
            for i in range(each):
                assert ask(server.port, b"A" if (i + n) % 2 else b"C").startswith("DONE")

        concurrently(clients, client, timeout=WATCHDOG)  # a hang is a deadlock
        report = ask(server.port, b"R")
        found = dict(re.findall(r"(\w+)=(\d+)", report))
        assert found == {"a": str(clients * each // 2), "c": str(clients * each // 2),
                         "violations": "0"}, report
