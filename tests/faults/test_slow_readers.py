"""Clients that do not read must not hold the server's threads (issue 9, item 3).

With two pool workers, two clients that asked for a 64 MB file and then read nothing used to
block both workers in write(2) (for up to 10 s per wait), and every other request waited.
Now a response the socket does not take at once is left to the Listen source, which sends it
as the socket drains (EPOLLOUT), so no worker of any runtime waits for a reader; a reader that
takes nothing for --send-timeout-s is disconnected, and a slow but steady one gets every byte.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from pathlib import Path

import pytest
from example_support import Builder, Server, concurrently
from fault_support import http_get, wait_until

HUGE = 64 << 20
WORKERS = 2


def stalled_reader(port: int, path: str) -> socket.socket:
    """Asks for path with a tiny receive buffer and reads nothing."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
    return sock


def test_clients_that_never_read_hold_no_worker(build_example: Builder, runtime: str,
                                                tmp_path: Path) -> None:
    with open(tmp_path / "huge.bin", "wb") as huge:       # sparse: cheap to make
        huge.truncate(HUGE)
    (tmp_path / "hello.txt").write_text("hello\n")
    args = ["--port", "0", "--root", str(tmp_path), "--send-timeout-s", "1.5"]
    with Server(build_example("webserver"), runtime, args, threads=WORKERS) as server:
        baseline = server.open_fds()
        stalled = [stalled_reader(server.port, "/huge.bin") for _ in range(WORKERS + 1)]
        time.sleep(0.3)                                   # their sockets are full by now

        def others(n: int) -> None:
            for _ in range(5):
                assert http_get(server.port, "/hello.txt", timeout=5) == (200, b"hello\n")
        concurrently(8, others, timeout=20)
        # Still unread on our side, the stalled readers are disconnected by the server after
        # --send-timeout-s: its descriptors return to what it had before them.
        wait_until(lambda: server.open_fds() <= baseline, "stalled readers disconnected")
        for sock in stalled:
            sock.close()


@pytest.mark.parametrize("sanitize", ["", "thread"])   # the source and a flow share output
def test_a_slow_reader_gets_every_byte(build_example: Builder, runtime: str, sanitize: str,
                                       tmp_path: Path) -> None:
    body = os.urandom(6 << 20)                            # sent with sendfile, in pieces
    (tmp_path / "big.bin").write_bytes(body)
    (tmp_path / "mid.txt").write_bytes(body[: 12000])     # from the cache, with writev
    args = ["--port", "0", "--root", str(tmp_path), "--cache-file-kb", "64"]
    with Server(build_example("webserver", sanitize), runtime, args, threads=WORKERS) as server:
        sock = stalled_reader(server.port, "/big.bin")
        sock.sendall(b"GET /mid.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        time.sleep(0.5)                                   # the rest waits in the source
        reader = sock.makefile("rb")
        for expected in (body, body[:12000]):
            headers = b""
            while (line := reader.readline()) not in (b"\r\n", b""):
                headers += line
            assert headers.startswith(b"HTTP/1.1 200 OK"), headers
            got = reader.read(len(expected))
            assert hashlib.sha256(got).digest() == hashlib.sha256(expected).digest()
        assert reader.read() == b""                       # Connection: close, after the output
        sock.close()
