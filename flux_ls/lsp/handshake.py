"""Answer ``initialize`` before pygls and lsprotocol are even imported.

Importing pygls and lsprotocol costs ~0.35 s (lsprotocol builds ~1,000 attrs classes), well
over the 300 ms an editor should wait for the ``initialize`` result. So ``main`` reads the
first message itself, with the standard library only; if it is ``initialize``, the answer
is computed here (``initialize_result``: the server's capabilities as plain JSON) and sent
at once. Then the real server starts: it reads the same ``initialize`` again (``Replay``)
so pygls sets up its state exactly as usual, and its own answer — which must be the same,
and is compared — is dropped on the way out (``SkipResponse``). Any other first message goes
to pygls untouched.

The constants below are the one definition of what the pygls registrations advertise too
(``features``, ``actions``, ``flowgraph``); ``tests/lsp/test_lsp_handshake.py`` checks,
for many client capability sets, that ``initialize_result`` equals what pygls computes.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any, BinaryIO

from .. import __version__
from ..ide import legend
from .positions import ENCODINGS, Encoding

log = logging.getLogger(__name__)

SIGNATURE_TRIGGERS = ["(", ",", "[", ">", "="]
SIGNATURE_RETRIGGERS = [" "]
COMPLETION_TRIGGERS = [">", "[", "{", ",", "(", ":", "="]
CODE_ACTION_KINDS = ["quickfix", "source.format"]
COMMANDS = [legend.FLOW_GRAPH_COMMAND, legend.REFERENCES_COMMAND, legend.SIMULATE_COMMAND]
DIAGNOSTIC_IDENTIFIER = "flux"
TOKEN_TYPES = list(legend.TOKEN_TYPES)
TOKEN_MODIFIERS = list(legend.TOKEN_MODIFIERS)

#: pygls' own header rule (``pygls.io_``): the early answer is given only for what pygls reads.
_CONTENT_LENGTH = re.compile(rb"^Content-Length: (\d+)\r\n$")


def _get(value: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def position_encoding(offered: Sequence[str]) -> Encoding:
    """UTF-8 when the client offers it (no conversion at all), else the first encoding it
    offers that we know, else UTF-16 (the LSP default)."""
    if "utf-8" in offered:
        return "utf-8"
    return next((known for e in offered for known in ENCODINGS if known == e), "utf-16")


def pulls_diagnostics(client_pulls: bool, options: Any) -> bool:
    """Pull when the client can (``client_pulls``: it declares ``textDocument.diagnostic``),
    unless ``initializationOptions.diagnosticMode`` says."""
    mode = options.get("diagnosticMode") if isinstance(options, dict) else None
    if mode in ("push", "pull"):
        return bool(mode == "pull")
    return client_pulls


def capabilities(client: Any, options: Any) -> dict[str, Any]:
    """The server's capabilities for one client (what pygls builds from the registrations)."""
    sync: dict[str, Any] = {"openClose": True, "change": 2, "save": False}
    for key in ("willSave", "willSaveWaitUntil"):
        if _get(client, f"textDocument.synchronization.{key}") is not None:
            sync[key] = False
    caps: dict[str, Any] = {
        "positionEncoding": position_encoding(_get(client, "general.positionEncodings") or []),
        "textDocumentSync": sync,
        "completionProvider": {"triggerCharacters": COMPLETION_TRIGGERS},
        "hoverProvider": True,
        "signatureHelpProvider": {"triggerCharacters": SIGNATURE_TRIGGERS,
                                  "retriggerCharacters": SIGNATURE_RETRIGGERS},
        "declarationProvider": True,
        "definitionProvider": True,
        "implementationProvider": True,
        "referencesProvider": True,
        "documentHighlightProvider": True,
        "documentSymbolProvider": True,
        "codeActionProvider": {"codeActionKinds": CODE_ACTION_KINDS, "resolveProvider": True},
        "codeLensProvider": {"resolveProvider": False},
        "documentFormattingProvider": True,
        "documentRangeFormattingProvider": True,
        "renameProvider": ({"prepareProvider": True}
                           if _get(client, "textDocument.rename.prepareSupport") else True),
        "foldingRangeProvider": True,
        "executeCommandProvider": {"commands": COMMANDS},
        "selectionRangeProvider": True,
        "callHierarchyProvider": True,
        "semanticTokensProvider": {
            "legend": {"tokenTypes": TOKEN_TYPES, "tokenModifiers": TOKEN_MODIFIERS},
            "full": {"delta": True}, "range": True},
        "inlayHintProvider": {"resolveProvider": False},
        "workspaceSymbolProvider": {"resolveProvider": False},
        "workspace": {"workspaceFolders": {"supported": True, "changeNotifications": True},
                      "fileOperations": {}},
    }
    if pulls_diagnostics(_get(client, "textDocument.diagnostic") is not None, options):
        caps["diagnosticProvider"] = {"identifier": DIAGNOSTIC_IDENTIFIER,
                                      "interFileDependencies": False,
                                      "workspaceDiagnostics": True}
    return caps


def initialize_result(params: Any) -> dict[str, Any]:
    params = params if isinstance(params, dict) else {}
    return {"capabilities": capabilities(params.get("capabilities") or {},
                                         params.get("initializationOptions")),
            "serverInfo": {"name": "flux-ls", "version": __version__}}


# -- the first message -------------------------------------------------------------------

def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream: BinaryIO) -> tuple[bytes, Any]:
    """One framed message: every byte read, and the parsed body (None if unreadable)."""
    raw = bytearray()
    length = None
    while True:
        line = stream.readline()
        raw += line
        if not line:
            return bytes(raw), None
        if match := _CONTENT_LENGTH.fullmatch(line):
            length = int(match.group(1))
        elif not line.strip() and length is not None:
            break
    body = stream.read(length)
    raw += body
    try:
        return bytes(raw), json.loads(body)
    except ValueError:
        return bytes(raw), None


def is_initialize(message: Any) -> bool:
    return (isinstance(message, dict) and message.get("method") == "initialize"
            and "id" in message and message.get("jsonrpc") == "2.0")


class Replay:
    """A binary stream that yields ``prefix`` first, then the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self.prefix, self.stream = prefix, stream

    def readline(self) -> bytes:
        if not self.prefix:
            return self.stream.readline()
        end = self.prefix.find(b"\n")
        if end < 0:
            line, self.prefix = self.prefix, b""
            return line + self.stream.readline()
        line, self.prefix = self.prefix[:end + 1], self.prefix[end + 1:]
        return line

    def read(self, size: int) -> bytes:
        head, self.prefix = self.prefix[:size], self.prefix[size:]
        return head + (self.stream.read(size - len(head)) if len(head) < size else b"")


class SkipResponse:
    """Standard output minus pygls' answer to the ``initialize`` already answered."""

    def __init__(self, stream: BinaryIO, msg_id: Any, sent: dict[str, Any]) -> None:
        self.stream, self.msg_id, self.sent = stream, msg_id, sent
        self.skipping = True

    def write(self, data: bytes) -> int:
        if self.skipping:
            message = _body(data)
            if isinstance(message, dict) and message.get("id") == self.msg_id \
                    and "method" not in message:
                self.skipping = False
                if message.get("result") != self.sent:
                    log.error("the early initialize result differs from pygls': %s",
                              json.dumps(message.get("result") or message.get("error")))
                return len(data)
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


def _body(data: bytes) -> Any:
    _, _, body = data.partition(b"\r\n\r\n")
    try:
        return json.loads(body)
    except ValueError:
        return None
