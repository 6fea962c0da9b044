"""The early ``initialize`` answer (``flux_ls.lsp.handshake``) agrees with pygls.

``main`` answers ``initialize`` from plain JSON before pygls is imported, then lets pygls
process the same request and drops pygls' answer. The two answers must be identical for
every client: checked here in-process against pygls' own computation for every client
snapshot pytest-lsp ships, for an empty client and for ``diagnosticMode`` overrides; and
over the wire, where exactly one answer must arrive and the server must log no mismatch.
"""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from lsp_support import SERVER

from flux_ls.lsp import handshake
from flux_ls.lsp.server import create_server


def client_snapshots() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for resource in resources.files("pytest_lsp.clients").iterdir():
        if resource.name.endswith(".json"):
            found.append((resource.name[:-5], json.loads(resource.read_text())["capabilities"]))
    return sorted(found)


SNAPSHOTS = client_snapshots()


def pygls_result(params: dict[str, Any]) -> Any:
    """What pygls (with every feature the server registers) answers to ``initialize``."""
    server = create_server(None)
    sent: list[bytes] = []

    class Writer:
        def write(self, data: bytes) -> None:
            sent.append(data)

        def close(self) -> None:
            pass

    server.protocol.set_writer(Writer())
    message = json.loads(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                     "params": params}),
                         object_hook=server.protocol.structure_message)

    async def handle() -> None:
        server.protocol.handle_message(message)

    asyncio.run(handle())
    responses = [json.loads(d.partition(b"\r\n\r\n")[2]) for d in sent]
    [response] = [r for r in responses if r.get("id") == 1]
    return response["result"]


CASES = [(name, {"processId": None, "capabilities": caps}) for name, caps in SNAPSHOTS]
CASES += [
    ("empty", {"processId": None, "capabilities": {}}),
    ("no params fields", {"capabilities": {"general": {"positionEncodings": ["utf-32"]}}}),
    ("force push", {"capabilities": dict(SNAPSHOTS[-1][1]),
                    "initializationOptions": {"diagnosticMode": "push"}}),
    ("force pull", {"capabilities": {}, "initializationOptions": {"diagnosticMode": "pull"}}),
    ("vscode with pull", {"capabilities": {"textDocument": {"diagnostic": {}},
                                           "general": {"positionEncodings": ["utf-16"]}}}),
    ("unknown encodings", {"capabilities": {"general": {"positionEncodings": ["ebcdic"]}}}),
]


@pytest.mark.parametrize(("name", "params"), CASES, ids=[c[0] for c in CASES])
def test_early_answer_equals_pygls(name: str, params: dict[str, Any]) -> None:
    assert handshake.initialize_result(params) == pygls_result(params)


def test_replay_gives_back_the_first_message_then_the_stream() -> None:
    first = handshake.frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}})
    second = handshake.frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    stream = io.BytesIO(first + second)
    raw, message = handshake.read_message(stream)
    assert raw == first and handshake.is_initialize(message)
    replay = handshake.Replay(raw, stream)
    header = replay.readline()
    assert header.startswith(b"Content-Length: ")
    assert replay.readline() == b"\r\n"
    body_length = int(header.split()[1])
    assert json.loads(replay.read(body_length))["method"] == "initialize"
    assert replay.readline().startswith(b"Content-Length: ")  # from the stream now
    assert replay.read(2) == b"\r\n"


def test_read_message_at_eof_and_with_garbage() -> None:
    assert handshake.read_message(io.BytesIO(b"")) == (b"", None)
    raw, message = handshake.read_message(io.BytesIO(b"Content-Length: 3\r\n\r\n{x}"))
    assert raw.endswith(b"{x}") and message is None
    assert not handshake.is_initialize({"jsonrpc": "2.0", "method": "initialize"})  # no id


def test_exactly_one_answer_over_the_wire(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    params = {"processId": None, "capabilities": SNAPSHOTS[0][1]}
    stdin = (handshake.frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": params})
             + handshake.frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
             + handshake.frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
             + handshake.frame({"jsonrpc": "2.0", "method": "exit"}))
    done = subprocess.run([*SERVER, "--log-file", str(log)], input=stdin, capture_output=True,
                          timeout=60, check=False)
    assert done.returncode == 0
    bodies = [json.loads(part.split(b"\r\n\r\n", 1)[1])
              for part in done.stdout.split(b"Content-Length: ")[1:]]
    answers = [b for b in bodies if b.get("id") == 1]
    assert len(answers) == 1
    assert answers[0]["result"] == handshake.initialize_result(params)
    assert "differs" not in log.read_text(encoding="utf-8")
