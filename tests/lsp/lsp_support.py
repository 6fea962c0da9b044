"""Helpers for the language-server tests: a recording pytest-lsp client and waits.

Every test talks to a real ``flux-ls`` process over stdio. The client records what the
server pushes (diagnostics *with* their version, capability registrations, progress), and
``diagnostics_of`` gets the diagnostics of a document version whichever way the client
receives them (pulled when its capabilities say so, pushed otherwise). Waits never sleep:
they wake on the server's notifications, with a timeout so a broken server fails the test
instead of hanging it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import itertools
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SERVER = [sys.executable, "-m", "flux_ls.lsp"]
CLIENTS = ("visual-studio-code", "neovim")
TIMEOUT = float(os.environ.get("FLUX_LSP_TEST_TIMEOUT", "30"))

CLEAN = """\
/** Accepts connections. */
Listen () => (int socket);
Read (int socket) => (int socket, bool close);
Reply (int socket, bool close) => ();
Serve (int socket) => ();
source Listen => Serve;
Serve = Read -> Reply;
"""


class RecordingClient(LanguageClient):
    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]
    refreshes: int
    init_result: types.InitializeResult  # set by the ``client`` fixture (conftest.py)
    _news: asyncio.Event | None


def _publish(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    if client._news is not None:
        client._news.set()


def _register(client: RecordingClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)
    if client._news is not None:
        client._news.set()


def _log(client: RecordingClient, params: types.LogMessageParams) -> None:
    DEFAULT_CLIENT_FEATURES[types.WINDOW_LOG_MESSAGE](client, params)
    if client._news is not None:
        client._news.set()


def _unregister(client: RecordingClient, params: types.UnregistrationParams) -> None:
    pass


def _refresh(client: RecordingClient, params: None) -> None:
    client.refreshes += 1
    if client._news is not None:
        client._news.set()


def make_client() -> RecordingClient:
    client = RecordingClient(converter_factory=default_converter)
    client.published, client.registrations, client.refreshes = [], [], 0
    client._news = None
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _publish
    features[types.WORKSPACE_DIAGNOSTIC_REFRESH] = _refresh
    features[types.CLIENT_REGISTER_CAPABILITY] = _register
    features[types.CLIENT_UNREGISTER_CAPABILITY] = _unregister
    features[types.WINDOW_LOG_MESSAGE] = _log
    register_lsp_features(client, features)
    return client


def capabilities(name: str, encodings: Sequence[str] | None = None) -> types.ClientCapabilities:
    """A named editor's capabilities, optionally with other position encodings."""
    caps = client_capabilities(name)
    if encodings is not None:
        general = caps.general or types.GeneralClientCapabilities()
        general.position_encodings = list(encodings)
        caps.general = general
    return caps


async def ask(request: Any) -> Any:
    """The answer to a request (or any awaitable), or an error if it takes over ``TIMEOUT``."""
    return await asyncio.wait_for(request, TIMEOUT)


async def start(caps: types.ClientCapabilities, folder: Path | None = None,
                options: dict[str, Any] | None = None,
                extra_args: Sequence[str] = ()) -> tuple[RecordingClient, types.InitializeResult]:
    """A fresh server process and an initialized session with it."""
    client = make_client()
    await client.start_io(*SERVER, *extra_args, env=dict(os.environ))
    folders = [types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)] if folder else None
    result = await ask(client.initialize_session(types.InitializeParams(
        capabilities=caps, workspace_folders=folders, initialization_options=options)))
    return client, result


async def stop(client: LanguageClient) -> None:
    await ask(client.shutdown_session())
    await client.stop()


@contextlib.asynccontextmanager
async def serving(name: str, encoding: str) -> AsyncIterator[RecordingClient]:
    """A server of its own for the named editor's capabilities, offering only ``encoding``
    (which the server must then choose)."""
    client, result = await start(capabilities(name, [encoding]))
    assert encoding_of(result) == encoding
    try:
        yield client
    finally:
        await stop(client)


def pulls(client: LanguageClient) -> bool:
    caps = client.capabilities
    return bool(caps and caps.text_document and caps.text_document.diagnostic)


def encoding_of(result: types.InitializeResult) -> str:
    kind = result.capabilities.position_encoding or "utf-16"
    return str(getattr(kind, "value", kind))


def client_encoding(client: RecordingClient) -> str:
    """The position encoding of the ``client`` fixture's session."""
    return encoding_of(client.init_result)


async def wait_until(client: RecordingClient, ready: Any, timeout: float = TIMEOUT) -> Any:
    """Wait (on the server's notifications, not by sleeping) until ``ready()`` is truthy."""
    if client._news is None:
        client._news = asyncio.Event()
    deadline = asyncio.get_running_loop().time() + timeout
    while not (value := ready()):
        client._news.clear()
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise TimeoutError("the server did not send what the test waits for")
        try:
            await asyncio.wait_for(client._news.wait(), remaining)
        except TimeoutError:
            pass
    return value


def last_published(client: RecordingClient, uri: str) -> types.PublishDiagnosticsParams | None:
    for params in reversed(client.published):
        if params.uri == uri:
            return params
    return None


async def pushed(client: RecordingClient, uri: str, version: int | None
                 ) -> list[types.Diagnostic]:
    """The diagnostics pushed for ``uri`` at ``version``."""
    def ready() -> types.PublishDiagnosticsParams | None:
        last = last_published(client, uri)
        return last if last is not None and last.version == version else None

    return list((await wait_until(client, ready)).diagnostics)


async def diagnostics_of(client: RecordingClient, uri: str, version: int
                         ) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` as of ``version``, pulled or pushed as the client does."""
    if pulls(client):
        report = await ask(client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))))
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        return list(report.items)
    return await pushed(client, uri, version)


_raw_ids = itertools.count()


def raw_message(client: LanguageClient, message: dict[str, Any]) -> None:
    """Write a message as given, bypassing pygls' typed serialisation (which would reject
    the malformed params the robustness tests send on purpose)."""
    body = json.dumps(message).encode("utf-8")
    client.protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)  # type: ignore[union-attr]


def raw_notify(client: LanguageClient, method: str, params: Any) -> None:
    raw_message(client, {"jsonrpc": "2.0", "method": method, "params": params})


def raw_request(client: LanguageClient, method: str, params: Any, msg_id: str | None = None
                ) -> asyncio.Future[Any]:
    """Send a request as given; the future has its result or raises ``JsonRpcException``."""
    msg_id = msg_id or f"raw-{next(_raw_ids)}"
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()
    client.protocol._request_futures[msg_id] = future
    raw_message(client, {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return asyncio.wrap_future(future)


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="flux", version=version,
                                             text=text)))


def fresh(folder: str, name: str = "doc.flux") -> str:
    """A document URI no other test uses (the test modules share one server)."""
    return f"file:///{folder}/{uuid.uuid4().hex[:8]}/{name}"


def opened(client: LanguageClient, text: str, folder: str
           ) -> tuple[str, types.TextDocumentIdentifier]:
    """A new document of ``text``, opened at version 1: its URI and identifier."""
    uri = fresh(folder)
    open_doc(client, uri, text)
    return uri, types.TextDocumentIdentifier(uri=uri)


def change(client: LanguageClient, uri: str, version: int,
           *changes: types.TextDocumentContentChangePartial
           | types.TextDocumentContentChangeWholeDocument) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=list(changes)))


def edit(start: tuple[int, int], end: tuple[int, int], text: str
         ) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(*start), end=types.Position(*end)), text=text)


def close_doc(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))


def codes(items: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in items)


# -- positions as a client counts them (independent of the server's code) -------------------

def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def lsp_lines(text: str) -> list[str]:
    """Lines as LSP defines them (\\n, \\r\\n and \\r end a line)."""
    lines, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch in "\r\n":
            lines.append("".join(current))
            current = []
            if ch == "\r" and text[i + 1:i + 2] == "\n":
                i += 1
        else:
            current.append(ch)
        i += 1
    lines.append("".join(current))
    return lines


def position_of(text: str, index: int, encoding: str) -> types.Position:
    """The LSP position of code point ``index`` of ``text``."""
    before = lsp_lines(text[:index])
    return types.Position(line=len(before) - 1, character=units(before[-1], encoding))


def index_of(text: str, position: types.Position, encoding: str) -> int:
    """The code point index of an LSP position (exact: the test only uses valid ones)."""
    lines = lsp_lines(text)
    start = 0
    for line in range(position.line):
        start += len(lines[line])
        start += 2 if text[start:start + 2] == "\r\n" else 1
    line_text, count, i = lines[position.line], 0, 0
    while count < position.character:
        count += units(line_text[i], encoding)
        i += 1
    return start + i


def apply_edits(text: str, edits: Sequence[types.TextEdit], encoding: str) -> str:
    """``text`` after a client applies ``edits`` (all against the original text)."""
    spans = sorted(((index_of(text, e.range.start, encoding), index_of(text, e.range.end,
                                                                       encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


# -- what the server must report, computed in-process from the same text --------------------

def expected_diagnostics(text: str, encoding: str) -> list[tuple[str, str, int, int, int, int]]:
    """(code, message, start line, start character, end line, end character) of every
    diagnostic ``flux check --format json`` reports for ``text``, in ``encoding`` units."""
    from flux_ls.analysis import analyze
    from flux_ls.render.json import diagnostic_object
    from flux_ls.render.report import FileReport

    report = FileReport.of(analyze(text.encode("utf-8", "surrogatepass"), "x.flux"))
    found = []
    for d in (diagnostic_object(report, d) for d in report.diagnostics):
        start = _from_check(text, d["line"], d["column"], encoding)
        end = _from_check(text, d["end_line"], d["end_column"], encoding)
        message = d["message"] if d["hint"] is None else f"{d['message']}\nhint: {d['hint']}"
        found.append((d["code"], message, *start, *end))
    return sorted(found)


def _from_check(text: str, line: int, column: int, encoding: str) -> tuple[int, int]:
    """An LSP position from ``flux check``'s 1-based line and code-point column (both
    count lines as LSP does)."""
    line_text = lsp_lines(text)[line - 1]
    return line - 1, units(line_text[:column - 1], encoding)


def actual_diagnostics(items: Sequence[types.Diagnostic]
                       ) -> list[tuple[str, str, int, int, int, int]]:
    return sorted((str(d.code), d.message, d.range.start.line, d.range.start.character,
                   d.range.end.line, d.range.end.character) for d in items)


async def formatted_by_server(client: LanguageClient, uri: str, text: str,
                              encoding: str) -> str | None:
    edits = await ask(client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                       options=types.FormattingOptions(tab_size=4,
                                                                       insert_spaces=True))))
    return None if edits is None else apply_edits(text, edits, encoding)


def formatted_here(text: str) -> str | None:
    from flux_ls.fmt import FormatError, format_text

    try:
        return format_text(text)
    except FormatError:
        return None


def plain(value: Any) -> Any:
    """pygls hands custom results back as attribute objects: make them dicts again."""
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
