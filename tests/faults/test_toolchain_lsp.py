"""Issue 9, items 9 and 13: ``flux-ls`` driven with raw JSON-RPC frames over stdio.

- a workspace holding a FIFO named ``*.flux`` and a link to ``/dev/zero`` is indexed without
  blocking: ``workspace/symbol`` answers, with the symbols of the regular files;
- ``"method": 123`` is an Invalid Request (-32600), not an internal error;
- a notification sent with an id (``$/cancelRequest``) is done and answered;
- an edit cancels the running analysis of the document's older text (issue 9, item 10).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

SERVER = [sys.executable, "-m", "flux_ls.lsp"]
TIMEOUT = float(os.environ.get("FLUX_LSP_TEST_TIMEOUT", "30"))


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _frames(stream: IO[bytes], out: queue.Queue[dict[str, Any] | None]) -> None:
    while True:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = stream.read(1)
            if not byte:
                out.put(None)
                return
            header += byte
        fields = dict(line.split(b": ", 1) for line in header.strip().split(b"\r\n"))
        out.put(json.loads(stream.read(int(fields[b"Content-Length"]))))


class Session:
    """A ``flux-ls`` process, frames written to it and read back by a thread."""

    def __init__(self, root: Path | None) -> None:
        self.process = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        assert self.process.stdout is not None
        self.received: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=_frames, args=(self.process.stdout, self.received),
                         daemon=True).start()
        folders = [{"uri": root.as_uri(), "name": root.name}] if root else None
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": None, "capabilities": {},
            "workspaceFolders": folders}})
        self.answer(1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(frame(message))
        self.process.stdin.flush()

    def answer(self, msg_id: Any) -> dict[str, Any]:
        """The response to ``msg_id`` (server requests and notifications skipped)."""
        while True:
            try:
                message = self.received.get(timeout=TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"no answer to request {msg_id!r} in {TIMEOUT} s") from None
            assert message is not None, "the server closed its output"
            if message.get("id") == msg_id and "method" not in message:
                return message
            if "method" in message and "id" in message:  # a request of the server's
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})

    def close(self) -> None:
        try:
            self.send({"jsonrpc": "2.0", "id": "bye", "method": "shutdown"})
            self.answer("bye")
            self.send({"jsonrpc": "2.0", "method": "exit"})
            self.process.wait(timeout=TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def session() -> Iterator[Session]:
    started = Session(None)
    yield started
    started.close()


def test_a_method_that_is_not_a_string_is_an_invalid_request(session: Session) -> None:
    for method in (123, None, ["initialize"]):
        session.send({"jsonrpc": "2.0", "id": 5, "method": method})
        error = session.answer(5)["error"]
        assert error["code"] == -32600 and "method" in error["message"]
    session.send({"jsonrpc": "2.0", "method": 7})  # a notification: nothing to answer
    session.send({"jsonrpc": "2.0", "id": 6, "method": "shutdown"})
    assert session.answer(6) == {"jsonrpc": "2.0", "id": 6, "result": None}


def test_a_notification_sent_with_an_id_is_answered(session: Session) -> None:
    session.send({"jsonrpc": "2.0", "id": 7, "method": "$/cancelRequest",
                  "params": {"id": 99}})
    assert session.answer(7) == {"jsonrpc": "2.0", "id": 7, "result": None}
    session.send({"jsonrpc": "2.0", "id": 8, "method": "$/setTrace",
                  "params": {"value": "off"}})
    assert session.answer(8)["result"] is None
    session.send({"jsonrpc": "2.0", "id": 9, "method": "$/cancelRequest"})  # no params
    assert session.answer(9)["error"]["code"] == -32602


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_the_workspace_scan_skips_fifos_and_devices_and_symbols_answer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a_fifo.flux")          # would block the scan in open()
    (tmp_path / "b_zero.flux").symlink_to("/dev/zero")  # would grow without end
    (tmp_path / "c_real.flux").write_text("Listen () => (int socket);\n", encoding="utf-8")
    started = Session(tmp_path)
    try:
        started.send({"jsonrpc": "2.0", "id": 2, "method": "workspace/symbol",
                      "params": {"query": "Listen"}})
        found = started.answer(2)["result"]
        assert [s["location"]["uri"] for s in found] == [(tmp_path / "c_real.flux").as_uri()]
    finally:
        started.close()


def big_program(lines: int) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from gen import generate
    finally:
        sys.path.pop(0)
    text: str = generate(lines)
    return text


def test_an_edit_cancels_the_analysis_of_the_older_text(session: Session) -> None:
    warm = "file:///virtual/warm.flux"  # a first analysis: the server's imports are done
    session.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": warm, "languageId": "flux", "version": 1, "text": "A = B;\n"}}})
    session.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol",
                  "params": {"textDocument": {"uri": warm}}})
    session.answer(3)
    uri = "file:///virtual/slow.flux"
    session.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "flux", "version": 1,
                         "text": big_program(40_000)}}})
    time.sleep(0.3)  # pacing only: the analysis of version 1 (seconds long) has begun
    session.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": "Listen () => (int socket);\nsource Listen => Nope;\n"}]}})
    cancelled = False
    while True:
        message = session.received.get(timeout=TIMEOUT)
        assert message is not None
        params = message.get("params") or {}
        if message.get("method") == "window/logMessage":
            cancelled = cancelled or "analysis cancelled, a newer edit arrived" in params["message"]
        if message.get("method") == "textDocument/publishDiagnostics" and params["uri"] == uri:
            assert params["version"] == 2  # version 1 was never finished, so never published
            assert [d["code"] for d in params["diagnostics"]] == ["FLX101"]
            break
    assert cancelled
