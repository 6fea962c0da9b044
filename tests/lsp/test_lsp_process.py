"""``flux-ls`` as a process, driven byte by byte (no LSP library on the client side).

Standard output must hold nothing but well-formed LSP frames; the process ends (status 0)
when standard input closes; ``exit`` without ``shutdown`` ends with status 1; bad requests
(before ``initialize``, with unreadable params, unknown methods, after ``shutdown``) get
error responses instead of silence; ``--version``, ``--log-level`` and ``--log-file`` work.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from lsp_support import SERVER

from flux_ls import __version__


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(msg_id: int, method: str, params: Any) -> bytes:
    return frame({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})


def notify(method: str, params: Any) -> bytes:
    return frame({"jsonrpc": "2.0", "method": method, "params": params})


INITIALIZE = request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
INITIALIZED = notify("initialized", {})


def parse_frames(data: bytes) -> list[dict[str, Any]]:
    """Every byte of ``data`` must belong to a Content-Length framed JSON message."""
    messages = []
    while data:
        header, sep, rest = data.partition(b"\r\n\r\n")
        assert sep, f"garbage on stdout: {data[:80]!r}"
        fields = dict(line.split(b": ", 1) for line in header.split(b"\r\n"))
        length = int(fields[b"Content-Length"])
        body, data = rest[:length], rest[length:]
        assert len(body) == length
        messages.append(json.loads(body))
    return messages


def run(stdin: bytes, *args: str, timeout: float = 60) -> tuple[int, list[dict[str, Any]]]:
    done = subprocess.run([*SERVER, *args], input=stdin, capture_output=True, timeout=timeout,
                          check=False)
    return done.returncode, parse_frames(done.stdout)


def response(messages: list[dict[str, Any]], msg_id: int) -> dict[str, Any]:
    [found] = [m for m in messages if m.get("id") == msg_id and "method" not in m]
    return found


def test_version() -> None:
    done = subprocess.run([*SERVER, "--version"], capture_output=True, text=True, check=False,
                          timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"flux-ls {__version__}")


def test_bad_arguments_exit_2() -> None:
    done = subprocess.run([*SERVER, "--log-level", "loud"], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 2 and done.stdout == ""


def test_stdin_closed_ends_the_server_and_stdout_holds_only_frames(tmp_path: Path) -> None:
    uri = (tmp_path / "a.flux").as_uri()
    status, messages = run(INITIALIZE + INITIALIZED + notify("textDocument/didOpen", {
        "textDocument": {"uri": uri, "languageId": "flux", "version": 1,
                         "text": "Listen () => (int socket);\nsource Listen => Nowhere;\n"}})
        + request(2, "textDocument/formatting", {"textDocument": {"uri": uri},
                                                 "options": {"tabSize": 4,
                                                             "insertSpaces": True}}))
    assert status == 0
    assert "capabilities" in response(messages, 1)["result"]
    assert response(messages, 2)  # answered (a result, or cancelled: the client left)


def test_exit_status_follows_shutdown() -> None:
    status, messages = run(INITIALIZE + request(2, "shutdown", None) + notify("exit", None)
                           + request(3, "shutdown", None))
    assert status == 0 and response(messages, 2)["result"] is None
    status, _ = run(INITIALIZE + notify("exit", None))
    assert status == 1


def test_bad_requests_get_error_responses() -> None:
    status, messages = run(
        request(0, "textDocument/formatting", {"textDocument": {"uri": "file:///x.flux"},
                                               "options": {"tabSize": 4,
                                                           "insertSpaces": True}})
        + INITIALIZE + INITIALIZED
        + request(2, "textDocument/formatting", {"nonsense": True})
        + request(3, "flux/noSuchMethod", {})
        + request(4, "flux/flowGraph", {"textDocument": {}})
        + request(5, "shutdown", None) + request(6, "textDocument/formatting", {})
        + notify("exit", None))
    assert status == 0
    assert response(messages, 0)["error"]["code"] == -32002   # not initialized
    assert response(messages, 2)["error"]["code"] == -32602   # invalid params
    assert response(messages, 3)["error"]["code"] == -32601   # method not found
    assert response(messages, 4)["error"]["code"] == -32602
    assert response(messages, 6)["error"]["code"] == -32600   # after shutdown


def test_log_file_gets_the_logs(tmp_path: Path) -> None:
    log = tmp_path / "flux-ls.log"
    status, messages = run(INITIALIZE + INITIALIZED + request(2, "shutdown", None)
                           + notify("exit", None), "--log-file", str(log), "--log-level", "debug")
    text = log.read_text(encoding="utf-8")
    assert status == 0
    assert "flux-ls " + __version__ in text and "exit (status 0)" in text
    log_messages = [m for m in messages if m.get("method") == "window/logMessage"]
    assert log_messages, "logs also go to the client"


def test_unwritable_log_file_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run([*SERVER, "--log-file", str(tmp_path / "missing" / "x.log")],
                          input=b"", capture_output=True, check=False, timeout=60)
    assert done.returncode == 2 and b"log file" in done.stderr and done.stdout == b""
