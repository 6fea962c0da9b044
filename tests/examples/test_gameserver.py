"""examples/gameserver built with ``flux build`` and played over UDP, in every runtime.

Several players send moves at once. Datagrams are independent flows, so one player's moves
run concurrently and only the session constraint player(session) keeps them from racing on
the player's record: every move must be counted exactly once, each player's position must be
its own spawn point plus its own moves (session isolation), and the nodes' own constraint
checker must report no violation. Also: the tick broadcasts, chat relay, rejected and
malformed commands (the program's error handlers), and leaving.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from example_support import Builder, Server

SIZE = 64
WINDOW = 50       # moves sent before waiting for them to be applied (no UDP overrun)


class Player:
    def __init__(self, port: int, name: str) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(10)
        self.sock.connect(("127.0.0.1", port))
        self.name = name
        self.send(f"JOIN {name}")
        words = self.expect("WELCOME").split()
        self.id, self.x, self.y = int(words[1]), int(words[2]), int(words[3])
        assert int(words[4]) == SIZE

    def send(self, text: str) -> None:
        self.sock.send(text.encode())

    def expect(self, prefix: str) -> str:
        """The next datagram starting with prefix (tick snapshots and chat are skipped)."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            line = self.sock.recv(65536).decode()
            if line.startswith(prefix):
                return line.strip()
        raise AssertionError(f"no {prefix} for {self.name}")

    def who(self) -> dict[str, int]:
        self.send("WHO")
        words = self.expect("YOU").split()
        assert words[2] == self.name
        keys = ("id", "_", "x", "y", "moves", "tagged", "it", "violations", "players")
        return {k: int(v) for k, v in zip(keys, words[1:], strict=True) if k != "_"}

    def wait_moves(self, count: int) -> dict[str, int]:
        """WHO until `count` moves are applied (a WHO may overtake moves still in flight)."""
        deadline = time.monotonic() + 20
        while True:
            state = self.who()
            if state["moves"] >= count or time.monotonic() > deadline:
                return state
            time.sleep(0.01)


@pytest.fixture
def server(build_example: Builder, runtime: str) -> Iterator[Server]:
    binary = build_example("gameserver")
    with Server(binary, runtime, ["--port", "0", "--tick-ms", "20", "--size", str(SIZE)]) as s:
        yield s


def test_moves_of_concurrent_players_are_applied_exactly_once_each(server: Server) -> None:
    players = [Player(server.port, f"p{i}") for i in range(4)]
    steps = {p.id: ((i % 3) - 1, 1 if i % 2 else -1) for i, p in enumerate(players)}
    results: dict[int, dict[str, int]] = {}
    errors: list[BaseException] = []

    def play(player: Player) -> None:
        try:
            dx, dy = steps[player.id]
            for window in range(8):
                for _ in range(WINDOW):
                    player.send(f"MOVE {dx} {dy}")
                player.wait_moves((window + 1) * WINDOW)
            results[player.id] = player.wait_moves(8 * WINDOW)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=play, args=(p,)) for p in players]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    total = 8 * WINDOW
    for player in players:
        dx, dy = steps[player.id]
        state = results[player.id]
        assert state["moves"] == total
        assert (state["x"], state["y"]) == ((player.x + dx * total) % SIZE,
                                            (player.y + dy * total) % SIZE)
        assert state["violations"] == 0
    assert sum(p.who()["it"] for p in players) == 1


def test_every_player_gets_the_tick_snapshot(server: Server) -> None:
    alice, bob = Player(server.port, "alice"), Player(server.port, "bob")
    for player in (alice, bob):
        words = player.expect("TICK").split()
        if int(words[3]) < 2:                        # a tick from before bob joined
            words = player.expect("TICK").split()
        positions = dict(item.split(":") for item in words[4:])
        assert positions[str(alice.id)] == f"{alice.x},{alice.y}"
        assert positions[str(bob.id)] == f"{bob.x},{bob.y}"
        assert int(words[2]) in (alice.id, bob.id)  # somebody is "it"


def test_chat_is_relayed_to_every_player(server: Server) -> None:
    alice, bob = Player(server.port, "alice"), Player(server.port, "bob")
    alice.send("CHAT hello there")
    assert bob.expect("CHAT") == f"CHAT {alice.id} alice: hello there"
    assert alice.expect("CHAT") == f"CHAT {alice.id} alice: hello there"


def test_bad_commands_are_answered_by_the_handlers(server: Server) -> None:
    alice = Player(server.port, "alice")
    alice.send("MOVE 2 0")
    assert alice.expect("REJECT") == "REJECT too fast"          # RejectMove
    alice.send("MOVE left")
    assert alice.expect("ERROR") == "ERROR malformed command"    # ProtocolError
    alice.send("JOIN bad name!")
    assert alice.expect("ERROR") == "ERROR bad name"
    alice.send("JOIN alice")
    assert alice.expect("REJECT") == "REJECT already joined"    # Refuse
    stranger = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stranger.settimeout(10)
    stranger.connect(("127.0.0.1", server.port))
    stranger.send(b"WHO")
    assert stranger.recv(1024) == b"REJECT join first\n"
    alice.send("DANCE")                                         # unknown: ignored
    assert alice.who()["moves"] == 0


def test_leaving_removes_the_player(server: Server) -> None:
    alice, bob = Player(server.port, "alice"), Player(server.port, "bob")
    assert bob.who()["players"] == 2
    alice.send("LEAVE")
    assert alice.expect("BYE") == "BYE"
    assert bob.who()["players"] == 1
    alice.send("WHO")
    assert alice.expect("REJECT") == "REJECT join first"
    again = Player(server.port, "carol")                       # a new id for a new address
    assert again.id not in (alice.id, bob.id) and bob.who()["players"] == 2
