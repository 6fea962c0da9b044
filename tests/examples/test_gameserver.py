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
from collections.abc import Iterator

import pytest
from example_support import GAME_SIZE, WINDOW, Builder, Player, Server, concurrently


@pytest.fixture
def server(build_example: Builder, runtime: str) -> Iterator[Server]:
    binary = build_example("gameserver")
    args = ["--port", "0", "--tick-ms", "20", "--size", str(GAME_SIZE)]
    with Server(binary, runtime, args) as s:
        yield s


def test_moves_of_concurrent_players_are_applied_exactly_once_each(server: Server) -> None:
    players = [Player(server.port, f"p{i}") for i in range(4)]
    steps = {p.id: ((i % 3) - 1, 1 if i % 2 else -1) for i, p in enumerate(players)}
    results: dict[int, dict[str, int]] = {}

    def play(n: int) -> None:
        player = players[n]
        dx, dy = steps[player.id]
        for window in range(8):
            for _ in range(WINDOW):
                player.send(f"MOVE {dx} {dy}")
            player.wait_moves((window + 1) * WINDOW)
        results[player.id] = player.wait_moves(8 * WINDOW)

    concurrently(len(players), play)
    total = 8 * WINDOW
    for player in players:
        dx, dy = steps[player.id]
        state = results[player.id]
        assert state["moves"] == total
        assert (state["x"], state["y"]) == ((player.x + dx * total) % GAME_SIZE,
                                            (player.y + dy * total) % GAME_SIZE)
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
