"""Every example built with AddressSanitizer+UndefinedBehaviorSanitizer and with
ThreadSanitizer (``flux build --sanitize``), loaded with concurrent clients in every runtime,
then stopped: the sanitizers must report nothing (no memory error, no undefined behaviour,
no leak at exit, no data race). ``Server`` fails the test on any report in the server's
stderr; the loads below are small because the sanitized servers are slow.
"""

from __future__ import annotations

import http.client
import re
import socket
from pathlib import Path

import pytest
from example_support import WINDOW, Builder, Client, Player, Server, concurrently

SANITIZERS = ("address,undefined", "thread")


def load_webserver(server: Server) -> None:
    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for i in range(12):
            conn.request("GET", ("/small.html", "/large.bin", "/missing", "/")[(i + n) % 4])
            conn.getresponse().read()
        with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
            sock.sendall(b"GET /small.html HTTP/1.1\r\nHost: t\r\n\r\nGET /sm")  # and hang up
            sock.recv(100)
    concurrently(6, client)


def load_imageserver(server: Server) -> None:
    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        for i in range(4):
            conn.request("GET", f"/picture.png?scale={(1, 2, 4, 8)[(i + n) % 4]}")
            assert conn.getresponse().read().startswith(b"\x89PNG")
    concurrently(4, client)


def load_kvstore(server: Server) -> None:
    clients, rounds = 4, 40

    def client(n: int) -> None:
        kv = Client(server.port)
        counted = 0                                    # shared as this client's INCR left it
        for i in range(rounds):
            if i % 2:
                reply = kv(b"INCR shared")
                assert re.fullmatch(rb"\d+\r\n", reply), reply
                counted = int(reply)
            else:
                assert kv(b"SET key%d %d" % (n, i)) == b"STORED\r\n"
            reply = kv(b"GET shared")                 # never less than counted: it only grows
            found = re.fullmatch(rb"VALUE \d+\r\n(\d+)\r\n", reply)
            assert (found and int(found[1]) >= counted) or (
                counted == 0 and reply == b"NOT_FOUND\r\n"), reply
        kv.close()
    concurrently(clients, client)
    total = b"%d" % (clients * rounds // 2)
    assert Client(server.port)(b"GET shared") == b"VALUE %d\r\n%s\r\n" % (len(total), total)
    admin = Client(server.addresses[1][2])
    assert b"violations=0" in admin(b"STATS")


def load_gameserver(server: Server) -> None:
    def player(n: int) -> None:
        me = Player(server.port, f"p{n}")
        for _ in range(WINDOW):
            me.send("MOVE 1 0")
        me.send("CHAT hi")
        state = me.wait_moves(WINDOW)
        assert (state["moves"], state["violations"]) == (WINDOW, 0)
        me.send("LEAVE")
        me.expect("BYE")
    concurrently(3, player)


def load_deadlock(server: Server) -> None:
    def client(n: int) -> None:
        for i in range(15):
            with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
                sock.sendall(b"A\n" if (i + n) % 2 else b"C\n")
                assert sock.makefile("rb").readline().startswith(b"DONE")
    concurrently(4, client)


def arguments(example: str, tmp_path: Path) -> list[str]:
    if example == "webserver":
        (tmp_path / "small.html").write_bytes(b"x" * 900)
        (tmp_path / "large.bin").write_bytes(bytes(range(256)) * 300)
        (tmp_path / "index.html").write_text("home\n")
        return ["--port", "0", "--root", str(tmp_path)]
    if example == "imageserver":
        (tmp_path / "picture.ppm").write_bytes(b"P6\n40 30\n255\n" + bytes(range(240)) * 15)
        return ["--port", "0", "--images", str(tmp_path)]
    return ["--port", "0"]


LOADS = {"webserver": load_webserver, "imageserver": load_imageserver,
         "kvstore": load_kvstore, "gameserver": load_gameserver, "deadlock": load_deadlock}


@pytest.mark.parametrize("sanitize", SANITIZERS)
@pytest.mark.parametrize("example", list(LOADS))
def test_sanitized_example_under_load(build_example: Builder, example: str, sanitize: str,
                                      runtime: str, tmp_path: Path) -> None:
    binary = build_example(example, sanitize)
    lines = 2 if example == "kvstore" else 1
    with Server(binary, runtime, arguments(example, tmp_path), ready_lines=lines) as server:
        LOADS[example](server)
