"""examples/kvstore built with ``flux build`` and driven over TCP, in every runtime.

The line protocol, the commands of one connection answered in order (also pipelined), the
error handlers, the admin port (a second source), snapshots (a third source, and at
shutdown) surviving a restart, and concurrent increments: INCR is a plain read-modify-write
in C, so the count is exact only if the writer constraint store excludes every other flow.
The nodes' own checker must report no violation.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from example_support import Builder, Client, Server, concurrently


def stats(server: Server) -> dict[str, int]:
    admin = Client(server.addresses[1][2])
    found = dict(re.findall(r"(\w+)=(\d+)", admin(b"STATS").decode()))
    admin.close()
    return {k: int(v) for k, v in found.items()}


@pytest.fixture
def server(build_example: Builder, runtime: str) -> Iterator[Server]:
    with Server(build_example("kvstore"), runtime, ["--port", "0"], ready_lines=2) as running:
        yield running


def test_the_protocol(server: Server) -> None:
    kv = Client(server.port)
    assert kv(b"SET greeting hello, world") == b"STORED\r\n"
    assert kv(b"GET greeting") == b"VALUE 12\r\nhello, world\r\n"
    assert kv(b"GET nothing") == b"NOT_FOUND\r\n"
    assert kv(b"SET greeting ") == b"STORED\r\n"
    assert kv(b"GET greeting") == b"VALUE 0\r\n\r\n"
    assert kv(b"INCR hits") == b"1\r\n"
    assert kv(b"INCR hits") == b"2\r\n"
    assert kv(b"DEL hits") == b"DELETED\r\n"
    assert kv(b"DEL hits") == b"NOT_FOUND\r\n"
    kv.sock.sendall(b"get lower\n")                      # LF alone, lower case
    assert kv.line() == b"NOT_FOUND\r\n"
    big = b"v" * 65536
    assert kv(b"SET big " + big) == b"STORED\r\n"
    assert kv(b"GET big") == b"VALUE 65536\r\n" + big + b"\r\n"
    assert kv(b"QUIT") == b"BYE\r\n"
    assert kv.reader.read() == b""


def test_pipelined_commands_are_answered_in_order(server: Server) -> None:
    kv = Client(server.port)
    kv.sock.sendall(b"SET a 1\r\nINCR a\r\nGET a\r\nDEL a\r\nGET a\r\n" * 20)
    for _ in range(20):
        assert [kv.line() for _ in range(5)] == [
            b"STORED\r\n", b"2\r\n", b"VALUE 1\r\n2\r\n", b"DELETED\r\n", b"NOT_FOUND\r\n"]


@pytest.mark.parametrize(("command", "answer"), [
    (b"FROB x", b"ERROR unknown command\r\n"),
    (b"STATS", b"ERROR unknown command\r\n"),            # an admin command on the client port
    (b"GET", b"ERROR syntax\r\n"),
    (b"GET a b", b"ERROR syntax\r\n"),
    (b"SET keyonly", b"ERROR syntax\r\n"),
    (b"", b"ERROR syntax\r\n"),
    (b"GET " + b"k" * 251, b"ERROR syntax\r\n"),
])
def test_errors_keep_the_connection(server: Server, command: bytes, answer: bytes) -> None:
    kv = Client(server.port)
    assert kv(command) == answer
    assert kv(b"SET n x") == b"STORED\r\n"
    assert kv(b"INCR n") == b"ERROR not a number\r\n"
    assert kv(b"GET n") == b"VALUE 1\r\nx\r\n"


def test_a_line_too_long_is_refused_and_the_connection_closed(server: Server) -> None:
    kv = Client(server.port)
    kv.sock.sendall(b"SET k " + b"x" * 70000 + b"\r\n")
    assert kv.line() == b"ERROR line too long\r\n"
    assert kv.reader.read() == b""
    assert Client(server.port)(b"GET k") == b"NOT_FOUND\r\n"


def test_concurrent_increments_are_exact(server: Server) -> None:
    clients, rounds = 8, 250

    def increment(_: int) -> None:
        kv = Client(server.port)
        for _ in range(rounds):
            kv.sock.sendall(b"INCR counter\r\nGET counter\r\n")
            kv.line()
            kv.line()
        kv.close()

    concurrently(clients, increment)
    assert Client(server.port)(b"GET counter") == b"VALUE 4\r\n%d\r\n" % (clients * rounds)
    found = stats(server)
    assert found["incrs"] == clients * rounds and found["violations"] == 0


def test_the_admin_port_counts_and_flushes(server: Server) -> None:
    kv = Client(server.port)
    for i in range(10):
        kv(b"SET key%d %d" % (i, i))
    kv(b"GET key1")
    kv(b"GET missing")
    found = stats(server)
    assert (found["keys"], found["sets"], found["gets"], found["hits"]) == (10, 10, 2, 1)
    admin = Client(server.addresses[1][2])
    assert admin(b"GET key1") == b"ERROR unknown command\r\n"   # client commands are not here
    assert admin(b"FLUSH") == b"FLUSHED\r\n"
    assert kv(b"GET key1") == b"NOT_FOUND\r\n"
    assert stats(server)["keys"] == 0


def test_snapshots_survive_a_restart(build_example: Builder, runtime: str,
                                     tmp_path: Path) -> None:
    snapshot = tmp_path / "store.snapshot"
    args = ["--port", "0", "--snapshot", str(snapshot), "--snapshot-ms", "50"]
    with Server(build_example("kvstore"), runtime, args, ready_lines=2) as first:
        kv = Client(first.port)
        assert kv(b"SET colour dark blue") == b"STORED\r\n"
        deadline = time.monotonic() + 10                    # the timer source writes it
        while b"colour 9\ndark blue\n" not in (snapshot.read_bytes() if snapshot.exists() else b""):
            assert time.monotonic() < deadline, "no periodic snapshot"
            time.sleep(0.02)
        assert kv(b"SET size 42") == b"STORED\r\n"         # saved at shutdown at the latest
        kv.close()
    with Server(build_example("kvstore"), runtime, args, ready_lines=2) as second:
        kv = Client(second.port)
        assert kv(b"GET colour") == b"VALUE 9\r\ndark blue\r\n"
        assert kv(b"GET size") == b"VALUE 2\r\n42\r\n"


def test_clients_hanging_up_leave_no_descriptors(server: Server) -> None:
    Client(server.port)(b"GET x")
    baseline = server.open_fds()
    for i in range(200):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        sock.sendall(b"SET half" if i % 2 else b"GET x\r\n")
        sock.close()
    assert Client(server.port)(b"GET x") == b"NOT_FOUND\r\n"
    assert server.settle(baseline) <= baseline + 1          # + the client just used
