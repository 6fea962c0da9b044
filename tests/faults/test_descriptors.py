"""Running out of file descriptors, and the connection limit (issue 9, items 1 and 2).

Under a descriptor limit of FD_LIMIT, more clients connect than the server has descriptors.
At EMFILE the shared poll set (examples/common/netpoll.c) used to spin for ever in its accept
loop (close the reserve descriptor, accept and drop, reopen, again), never returning to
epoll_wait: nothing was served again and SIGTERM ended in exit 1 without flux_shutdown, so the
key-value store lost its final snapshot. Now the listener pauses, the server says so (once
per interval), and once the clients are gone it serves again by itself and shuts down in
order. With --max-connections the same happens before the descriptors run out, with its own
log line.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from example_support import Builder, Client, Server
from fault_support import limits, log_lines, number, wait_until

FD_LIMIT = 256
OUT_OF_FDS = "out of file descriptors (EMFILE)"


def request_answered(example: str, port: int) -> bytes:
    """One request on a new connection (the server must answer it)."""
    if example == "kvstore":
        kv = Client(port)
        answer = kv(b"SET after recovered")
        kv.close()
        return answer
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(b"GET /hello.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        return sock.makefile("rb").read()


@pytest.mark.parametrize("example", ["webserver", "kvstore"])
def test_serves_again_after_running_out_of_descriptors(build_example: Builder, runtime: str,
                                                       example: str, tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("hello\n")
    snapshot = tmp_path / "store.snapshot"
    args = ["--port", "0", "--max-connections", "100000"]
    args += (["--snapshot", str(snapshot), "--snapshot-ms", "60000"] if example == "kvstore"
             else ["--root", str(tmp_path)])
    lines = 2 if example == "kvstore" else 1
    with Server(build_example(example), runtime, args, ready_lines=lines,
                preexec=limits(nofile=FD_LIMIT)) as server:
        baseline = server.open_fds()
        clients = [socket.create_connection(("127.0.0.1", server.port), timeout=15)
                   for _ in range(FD_LIMIT + 50)]
        wait_until(lambda: log_lines(server, OUT_OF_FDS) > 0, "the EMFILE log line")
        at_limit = server.open_fds()
        for sock in clients:
            sock.close()
        start = time.monotonic()
        answer = request_answered(example, server.port)
        recovered = time.monotonic() - start
        assert answer.startswith(b"STORED" if example == "kvstore" else b"HTTP/1.1 200 OK")
        after = server.settle(baseline)
        assert after <= baseline + 1
        assert log_lines(server, OUT_OF_FDS) == 1        # once per interval, not per accept
        number(f"{example}.{runtime}.fds_at_exhaustion", at_limit)
        number(f"{example}.{runtime}.fds_after_recovery", after)
        number(f"{example}.{runtime}.seconds_to_recover", round(recovered, 3))
    if example == "kvstore":                             # flux_shutdown wrote the snapshot
        assert b"after 9\nrecovered\n" in snapshot.read_bytes()


def test_connection_limit_holds_new_connections_until_one_closes(build_example: Builder,
                                                                 runtime: str,
                                                                 tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("hello\n")
    cap = 20
    args = ["--port", "0", "--root", str(tmp_path), "--max-connections", str(cap)]
    with Server(build_example("webserver"), runtime, args) as server:
        baseline = server.open_fds()
        held = [socket.create_connection(("127.0.0.1", server.port), timeout=15)
                for _ in range(cap)]
        wait_until(lambda: server.open_fds() >= baseline + cap, "the first connections")
        waiting = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        waiting.sendall(b"GET /hello.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        wait_until(lambda: log_lines(server, f"{cap} connections open, the limit") == 1,
                   "the connection-limit log line")
        time.sleep(0.3)
        assert server.open_fds() == baseline + cap       # the cap holds: not accepted
        number(f"webserver.{runtime}.connections_held_at_cap", server.open_fds() - baseline)
        for sock in held[: cap // 2]:
            sock.close()
        assert waiting.makefile("rb").read().startswith(b"HTTP/1.1 200 OK")
        waiting.close()
        for sock in held[cap // 2:]:
            sock.close()
        assert log_lines(server, "connections open, the limit") == 1
