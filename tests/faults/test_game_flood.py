"""Unauthenticated addresses must not take player slots (issue 9, item 6).

Every datagram from a new address used to get a player id, and ids were capped at four times
--max-players: 1,100 datagrams ("HELLO") from 1,100 source ports filled the table, and every
real JOIN got "REJECT server full" for twice the idle time. Now an address gets an id only by
a JOIN that echoes the token the server sent to that address (a challenge, as Quake's
getchallenge), so a flood from ports that never answer takes nothing.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from example_support import Builder, Player, Server

FLOOD = 1100


@pytest.fixture
def server(build_example: Builder, runtime: str) -> Iterator[Server]:
    with Server(build_example("gameserver"), runtime, ["--port", "0", "--tick-ms", "50"]) as s:
        yield s


def flood(port: int, text: bytes) -> None:
    """One datagram from each of FLOOD source ports (sockets that never read)."""
    socks = []
    for _ in range(FLOOD):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.sendto(text, ("127.0.0.1", port))
        socks.append(sock)
    for sock in socks:
        sock.close()


@pytest.mark.parametrize("text", [b"HELLO", b"WHO", b"JOIN mallory"])
def test_a_flood_from_many_ports_takes_no_player_slot(server: Server, text: bytes) -> None:
    flood(server.port, text)
    alice = Player(server.port, "alice")                 # JOIN, CHALLENGE, JOIN with token
    assert alice.who()["players"] == 1


def test_a_join_needs_the_token_of_its_own_address(server: Server) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(10)
    sock.connect(("127.0.0.1", server.port))
    sock.send(b"JOIN eve")
    token = sock.recv(100).split()[1]
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)   # another port, same token
    other.settimeout(10)
    other.connect(("127.0.0.1", server.port))
    other.send(b"JOIN eve " + token)
    assert other.recv(100) == b"REJECT bad or expired token (JOIN again)\n"
    sock.send(b"JOIN eve 0123456789abcdef")
    assert sock.recv(100) == b"REJECT bad or expired token (JOIN again)\n"
    sock.send(b"JOIN eve " + token)
    assert sock.recv(100).startswith(b"WELCOME ")
