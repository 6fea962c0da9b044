"""Deadlines for a request and for an idle connection (issue 9, item 2).

Slowloris: clients that send a request head a byte at a time. Each byte used to hand the
connection back to the poll set with a fresh deadline, so 500 such clients held 500
descriptors for as long as they liked, which is what made descriptor exhaustion reachable
from outside. Now a request must arrive whole within --request-timeout-s of its first byte
(or of the accept), as nginx's client_header_timeout, and an idle kept-alive connection is
closed after --idle-timeout-s (keepalive_timeout). Meanwhile other clients are served.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from example_support import Builder, Client, Server, closed_by_peer
from fault_support import http_get, number, wait_until

DRIBBLERS = 20
HEAD = b"GET /hello.txt HTTP/1.1\r\nHost: t\r\nUser-Agent: " + b"s" * 200 + b"\r\n\r\n"


def dribble(port: int, closed: list[float], stop: threading.Event) -> None:
    """Sends HEAD a byte every 100 ms until the server closes the connection."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        for byte in HEAD:
            if stop.is_set():
                return
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.1)
            sock.setblocking(False)
            try:
                if sock.recv(1) == b"":
                    break
            except BlockingIOError:
                pass
            except ConnectionResetError:
                break
            finally:
                sock.setblocking(True)
        else:
            return                                       # sent it all: never cut
        closed.append(time.monotonic() - start)


def test_a_byte_a_second_does_not_hold_a_connection(build_example: Builder, runtime: str,
                                                    tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("hello\n")
    args = ["--port", "0", "--root", str(tmp_path), "--request-timeout-s", "1"]
    with Server(build_example("webserver"), runtime, args) as server:
        baseline = server.open_fds()
        closed: list[float] = []
        stop = threading.Event()
        threads = [threading.Thread(target=dribble, args=(server.port, closed, stop))
                   for _ in range(DRIBBLERS)]
        for thread in threads:
            thread.start()
        try:
            wait_until(lambda: server.open_fds() >= baseline + DRIBBLERS // 2, "dribblers")
            assert http_get(server.port, "/hello.txt") == (200, b"hello\n")   # still serving
            wait_until(lambda: len(closed) == DRIBBLERS, "every dribbler cut at its deadline")
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        assert server.settle(baseline) <= baseline
        number(f"webserver.{runtime}.slowloris_held_seconds_max", round(max(closed), 2))


def test_idle_connections_are_closed(build_example: Builder, runtime: str,
                                     tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("hello\n")
    args = ["--port", "0", "--root", str(tmp_path), "--idle-timeout-s", "0.5",
            "--request-timeout-s", "1"]
    with Server(build_example("webserver"), runtime, args) as server:
        kept = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        kept.sendall(b"GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n")
        assert kept.recv(4096).startswith(b"HTTP/1.1 200 OK")   # kept alive, then idle
        silent = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        assert closed_by_peer(kept) and closed_by_peer(silent)


def test_kvstore_cuts_a_command_line_sent_a_byte_at_a_time(build_example: Builder,
                                                           runtime: str) -> None:
    args = ["--port", "0", "--request-timeout-s", "0.5"]
    with Server(build_example("kvstore"), runtime, args, ready_lines=2) as server:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        cut = False
        for byte in b"SET slow " + b"v" * 200:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
            time.sleep(0.02)
        assert cut or closed_by_peer(sock)
        assert Client(server.port)(b"GET slow") == b"NOT_FOUND\r\n"
