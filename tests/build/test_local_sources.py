"""Local sources (docs/language.md#local-sources): flows run on the thread that polled them.

``programs/local`` declares its source local: each runtime thread (two here) accepts and
polls its own connections through an SO_REUSEPORT listener and runs their flows itself. A
real client opens many connections (spread over both places by the kernel) and sends one slow
request — a flow blocked in read(2) on a FIFO, or computing — then fast requests on every
other connection. Every fast request must be answered while the slow flow still runs, also
those whose connection belongs to the slow flow's place (its thread is held by the slow
flow: the runtime must hand the place to another thread). The FIFO is written, and the spin
ends, only after the last fast answer, so a runtime that lets connections wait behind a long
flow fails here rather than being slow. A source that returns FLUX_NOTHING (its thread had
other work) must neither run the source's error handler nor be logged. The hand-over of a
place runs once more under ThreadSanitizer. The runtime opens no descriptor of its own after
flux_init, where a server says it is ready.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

import pytest
from build_support import WATCHDOG, Builder, tsan_works

CONNECTIONS = 16
REQUESTS = 3  # fast requests per connection


def _line(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(64)
        if not chunk:
            raise AssertionError(f"connection closed after {data!r}")
        data += chunk
    return data.decode().strip()


def _serve(binary: Path, tmp_path: Path, runtime: str, slow: str,
           env: dict[str, str] | None = None) -> str:
    """One slow request and many fast ones (see above); the server's stderr."""
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    fast = (CONNECTIONS - 1) * REQUESTS
    server = subprocess.Popen(
        [str(binary), f"--flux-runtime={runtime}", "--flux-threads=2", "--gate", str(gate),
         "--fast", str(fast)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=None if env is None else {**os.environ, **env})
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline().rsplit(":", 1)[1])
        conns = [socket.create_connection(("127.0.0.1", port), timeout=WATCHDOG / 2)
                 for _ in range(CONNECTIONS)]
        conns[0].sendall(f"{slow}\n".encode())
        assert server.stdout.readline().strip() == "slow flow started"
        places = set()
        for conn in conns[1:]:
            for _ in range(REQUESTS):
                conn.sendall(b"fast\n")
                answer = _line(conn).split()
                assert answer[0] == "fast"
                places.add(int(answer[1]))
        if slow == "block":
            with open(gate, "wb") as fifo:  # only now may the slow flow end
                fifo.write(b"x")
        answer = _line(conns[0]).split()
        assert answer[0] == slow and answer[2] == "done", answer
        # Both places served fast requests, so some shared the slow flow's place.
        assert places == {0, 1}
        for conn in conns:
            conn.close()
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=WATCHDOG)
    assert server.returncode == 0, stderr
    assert "failed" not in stderr, stderr  # FLUX_NOTHING is neither a failure nor logged
    return stderr


@pytest.mark.parametrize("slow", ["block", "spin"])
@pytest.mark.parametrize("runtime", ["pool", "event"])
def test_fast_requests_are_served_while_a_slow_flow_holds_their_thread(
        built: Builder, tmp_path: Path, runtime: str, slow: str) -> None:
    _serve(built("local").binary, tmp_path, runtime, slow)


@pytest.mark.parametrize("runtime", ["pool", "event"])
def test_handing_a_place_over_is_clean_under_thread_sanitizer(
        built: Builder, tmp_path: Path, runtime: str) -> None:
    if not tsan_works(tmp_path):
        pytest.skip("ThreadSanitizer does not run with this toolchain or kernel")
    binary = built("local", ("thread",)).binary
    stderr = _serve(binary, tmp_path, runtime, "block", env={"TSAN_OPTIONS": "halt_on_error=1"})
    assert "ThreadSanitizer" not in stderr, stderr


@pytest.mark.parametrize("runtime", ["pool", "event"])
def test_the_places_descriptors_exist_when_the_server_says_it_is_ready(
        built: Builder, runtime: str) -> None:
    # The places' wake eventfds used to be opened after flux_init: a client that counted the
    # server's descriptors once it was ready (tests/faults/test_descriptors.py) then saw two
    # more later, whenever it counted before the runtime had opened them.
    server = subprocess.Popen(
        [str(built("local").binary), f"--flux-runtime={runtime}", "--flux-threads=2",
         "--count-fds", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline().rsplit(":", 1)[1])
        when_ready = int(server.stdout.readline().split()[1])
        with socket.create_connection(("127.0.0.1", port), timeout=WATCHDOG / 2) as conn:
            conn.sendall(b"fast\n")
            assert _line(conn).startswith("fast")  # the runtime runs: its places exist
            assert len(os.listdir(f"/proc/{server.pid}/fd")) == when_ready + 1  # + conn
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=WATCHDOG)
    assert server.returncode == 0, stderr
