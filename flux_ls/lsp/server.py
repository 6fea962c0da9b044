"""The Flux language server: pygls protocol and server classes, life cycle, document sync.

``create_server`` builds a ``FluxServer`` and registers every feature module
(``diagnostics``, ``workspace``, ``formatting``, ``flowgraph``, ``features``); each handler
is a few lines that fetch an analysis and hand the rest to ``convert`` and the pure
``flux_ls.ide`` functions. Three rules hold for every handler:

* Requests are ``async`` (so ``$/cancelRequest`` cancels them mid-flight) and do heavy work
  (analysis, workspace scans, Graphviz) in the server's executor, never on the event loop.
* An exception in a handler becomes a JSON-RPC error response and a log line, never a dead
  server; malformed params get an ``InvalidParams`` response instead of no response at all.
* Documents live in ``documents.DocumentStore`` as bytes, not in pygls' workspace: pygls'
  built-in sync handlers are overridden so there is one copy, updated incrementally.

A handler may return ``PreEncoded`` JSON text instead of an lsprotocol value: it is sent as
is. pygls would otherwise have cattrs and ``json.dumps`` walk the value item by item, which
for the ~370,000 ints of a 10,000-line file's semantic tokens costs far more than computing
them.

The server never builds or runs user code; the only program it starts is Graphviz's ``dot``
on a DOT text it generated itself.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
from collections.abc import Awaitable, Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInternalError,
    JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from .. import __version__
from . import handshake
from .documents import Analysed, Document, DocumentStore
from .logs import ClientHandler
from .positions import Encoding

log = logging.getLogger(__name__)

#: JSON-RPC errors the server answers on purpose (not worth an error in the log).
_DELIBERATE = frozenset({-32002, -32600, -32601, -32602, -32800, -32801})

P = TypeVar("P")
R = TypeVar("R")


class _Invalid:
    """A request whose params could not be read: answered with an error, not dropped."""

    def __init__(self, msg_id: Any, method: str, error: JsonRpcException) -> None:
        self.id, self.method, self.error = msg_id, method, error


class _Ignored:
    """A notification whose params could not be read (logged and dropped)."""


class _NotificationWithId:
    """A notification sent as a request (with an id): done as the notification it is, and
    answered (``null``), since a JSON-RPC message with an id must get a response."""

    def __init__(self, msg_id: Any, notification: Any) -> None:
        self.id, self.notification = msg_id, notification


def _is_notification(method: str) -> bool:
    import attrs

    message_type = types.METHOD_TO_TYPES.get(method, (None,))[0]
    return message_type is not None and "id" not in attrs.fields_dict(message_type)


class PreEncoded:
    """A request's result already written as JSON text (``FluxProtocol`` sends it as is)."""

    __slots__ = ("json",)

    def __init__(self, json_text: str) -> None:
        self.json = json_text


def _choose_encoding(capabilities: types.ClientCapabilities) -> Encoding:
    """The position encoding (``handshake.position_encoding``), put first among the client's
    encodings so that pygls, which takes the first one it knows, chooses it too."""
    general = capabilities.general
    offered = list(general.position_encodings or []) if general is not None else []
    chosen = handshake.position_encoding([str(getattr(e, "value", e)) for e in offered])
    if general is not None and offered:
        general.position_encodings = sorted(
            offered, key=lambda e: str(getattr(e, "value", e)) != chosen)
    return chosen


class FluxProtocol(LanguageServerProtocol):
    """pygls' protocol with the server's own document store and sturdier message handling."""

    _server: FluxServer

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams
                       ) -> Generator[Any, Any, types.InitializeResult]:
        self._server.documents.encoding = _choose_encoding(params.capabilities)
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        return result

    def _user(self, method: str, params: Any) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    # Documents live in ``DocumentStore`` (bytes, incremental), not in pygls' workspace.
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: Any) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: Any) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: Any) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.EXIT)
    def lsp_exit(self, *args: Any) -> Generator[Any, Any, None]:
        yield from self._user(types.EXIT, args[0] if args else None)
        self._server.exit_now(0 if self._shutdown else 1)

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" in data and "method" in data:
            method = data["method"]
            if not isinstance(method, str):
                if "id" in data:
                    return _Invalid(data["id"], repr(method), JsonRpcInvalidRequest(
                        f"invalid request: `method` must be a string, not {method!r}"))
                log.warning("ignoring a notification whose method is %r", method)
                return _Ignored()
            if "id" in data and _is_notification(method):
                try:
                    inner = super().structure_message(
                        {k: v for k, v in data.items() if k != "id"})
                except JsonRpcException as error:
                    return _Invalid(data["id"], method, error)
                return _NotificationWithId(data["id"], inner)
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            method = str(data.get("method", ""))
            if "id" in data and method:
                return _Invalid(data["id"], method, error)
            log.warning("ignoring an unreadable message %s: %s", method or "(no method)", error)
            return _Ignored()

    def _send_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        if error is None and isinstance(result, PreEncoded):
            self._result_types.pop(msg_id, None)
            self.send_json(f'{{"id": {json.dumps(msg_id)}, "jsonrpc": "2.0", '
                            f'"result": {result.json}}}')
            return
        super()._send_response(msg_id, result, error)

    def send_json(self, body: str) -> None:
        """Send a message already encoded as JSON, framed as pygls frames its own."""
        if self.writer is None:
            log.error("unable to send data: no transport")
            return
        data = body.encode(self.CHARSET)
        if self._include_headers:
            data = (f"Content-Length: {len(data)}\r\n"
                    f"Content-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n"
                    ).encode("ascii") + data
        try:
            sent = self.writer.write(data)
            if inspect.isawaitable(sent):
                asyncio.ensure_future(sent)
        except BrokenPipeError:
            log.error("the client is gone (broken pipe)")
            raise

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Ignored):
            return
        method = getattr(message, "method", None)
        if self._shutdown and method not in (None, types.EXIT) and hasattr(message, "id"):
            error = JsonRpcInvalidRequest(f"{method}: the server is shutting down")
            self._send_response(message.id, error=error.to_response_error())
            return
        if isinstance(message, _Invalid):
            log.warning("invalid %s: %s", "request" if message.error.code == -32600
                        else f"params for {message.method}", message.error)
            self._send_response(message.id, error=message.error.to_response_error())
            return
        if isinstance(message, _NotificationWithId):
            log.warning("%s is a notification but came with an id: done, and answered",
                        getattr(message.notification, "method", "a notification"))
            self.handle_message(message.notification)
            self._send_response(message.id, None)
            return
        super().handle_message(message)


class FluxServer(LanguageServer):
    """Server state: open documents, the workspace index, the executor, the client's ways."""

    def __init__(self, client_log: ClientHandler | None = None) -> None:
        super().__init__("flux-ls", __version__, protocol_cls=FluxProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.client_log = client_log
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="flux-work")
        self.documents = DocumentStore(self.executor, self._analysed)
        self.initialized = False
        self.pull_diagnostics = False   # the client pulls (textDocument/diagnostic)
        self.options: dict[str, Any] = {}
        self.on_document_analysed: list[Callable[[Document, Analysed], None]] = []
        self.on_document_closed: list[Callable[[Document], None]] = []
        from .workspace import WorkspaceIndex

        self.index = WorkspaceIndex(self)

    def send_json(self, body: str) -> None:
        """Send a message already encoded as JSON (e.g. diagnostics written without
        lsprotocol objects)."""
        protocol = self.protocol
        assert isinstance(protocol, FluxProtocol)
        protocol.send_json(body)

    # -- running -----------------------------------------------------------------------------

    def run(self, stdin: Any, stdout: Any) -> int:
        """Serve until the client closes standard input (``exit`` ends the process itself)."""
        self.start_io(stdin, stdout)
        self.executor.shutdown(wait=False, cancel_futures=True)
        return 0

    def exit_now(self, status: int) -> None:
        log.info("exit (status %d)", status)
        logging.shutdown()
        os._exit(status)

    def report_server_error(self, error: Exception, source: Any) -> None:
        deliberate = isinstance(error, JsonRpcException) and error.code in _DELIBERATE
        log.log(logging.INFO if deliberate else logging.ERROR, "%s: %s",
                getattr(source, "__name__", source), error)

    def send_log(self, kind: int, text: str) -> None:
        self.window_log_message(types.LogMessageParams(type=types.MessageType(kind),
                                                       message=text))

    # -- handler registration ----------------------------------------------------------------

    def request(self, method: str, options: Any = None
                ) -> Callable[[Callable[[P], Awaitable[R]]], Callable[[P], Awaitable[R]]]:
        """Register an async request handler; its exceptions become error responses."""

        def register(fn: Callable[[P], Awaitable[R]]) -> Callable[[P], Awaitable[R]]:
            self.feature(method, options)(self._guarded(method, fn))
            return fn

        return register

    def async_command(self, name: str, fn: Callable[..., Awaitable[Any]]) -> None:
        """Register a ``workspace/executeCommand`` command (arguments passed unpacked)."""
        guarded = self._guarded(name, fn)

        async def command(*arguments: Any) -> Any:
            return await guarded(*arguments)

        self.command(name)(command)

    def _guarded(self, method: str, fn: Callable[..., Awaitable[R]]
                 ) -> Callable[..., Awaitable[R]]:
        async def handler(*params: Any) -> R:
            if not self.initialized:
                raise JsonRpcServerNotInitialized(f"{method} before initialize")
            try:
                return await fn(*params)
            except (asyncio.CancelledError, JsonRpcException):
                raise
            except Exception as error:
                log.exception("%s failed", method)
                raise JsonRpcInternalError(
                    f"{method} failed: {type(error).__name__}: {error}") from None

        handler.__name__ = handler.__qualname__ = getattr(fn, "__name__", method)
        return handler

    def notification(self, method: str
                     ) -> Callable[[Callable[[P], None]], Callable[[P], None]]:
        """Register a notification handler (runs on the loop; must be quick)."""

        def register(fn: Callable[[P], None]) -> Callable[[P], None]:
            def handler(params: P) -> None:
                try:
                    fn(params)
                except Exception:
                    log.exception("%s failed", method)

            handler.__name__ = handler.__qualname__ = fn.__name__
            self.feature(method)(handler)
            return fn

        return register

    # -- analyses ------------------------------------------------------------------------------

    def _analysed(self, doc: Document, result: Analysed) -> None:
        for listener in self.on_document_analysed:
            listener(doc, result)

    async def analysed(self, uri: str) -> Analysed | None:
        """The analysis of a document: open (its newest text) or in the workspace index."""
        doc = self.documents.get(uri)
        if doc is not None:
            return await self.documents.analysed(doc)
        return await self.index.analysed(uri)

    async def in_executor(self, fn: Callable[..., R], *args: Any) -> R:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def client_capability(self, dotted: str) -> Any:
        """A (dotted, snake_case) client capability; None when the client leaves it out."""
        value: Any = self.client_capabilities
        for part in dotted.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def client_supports(self, dotted: str) -> bool:
        """Whether a (dotted, snake_case) client capability is present and truthy."""
        return bool(self.client_capability(dotted))


def path_of(uri: str) -> str:
    return to_fs_path(uri) or uri


def _register_lifecycle(server: FluxServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.initialized = True
        if server.client_log is not None:
            server.client_log.attach(asyncio.get_running_loop(), server.send_log)
        options = params.initialization_options
        server.options = dict(options) if isinstance(options, dict) else {}
        server.pull_diagnostics = handshake.pulls_diagnostics(
            server.client_capability("text_document.diagnostic") is not None, server.options)
        from . import diagnostics

        if server.pull_diagnostics:
            diagnostics.register_pull(server)
        client = params.client_info.name if params.client_info else "an unnamed client"
        log.info("flux-ls %s for %s: diagnostics by %s", __version__, client,
                 "pull" if server.pull_diagnostics else "push")

    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        server.executor.submit(_warm_up)
        server.index.start()

    @server.feature(types.SHUTDOWN)
    def shutdown(params: Any) -> None:
        server.index.stop()

    @server.notification(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        server.documents.open(item.uri, path_of(item.uri), item.version, item.text)

    @server.notification(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        doc = params.text_document
        server.documents.change(doc.uri, doc.version, params.content_changes)

    @server.notification(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        doc = server.documents.close(params.text_document.uri)
        if doc is not None:
            for listener in server.on_document_closed:
                listener(doc)


#: The modules of the features, imported ahead of the first request of each kind (each costs
#: a few milliseconds to import, which the first hover, completion, … would otherwise wait).
_FEATURE_MODULES = ("callhierarchy", "code_actions", "code_lens", "completion", "folding",
                    "hover", "inlay_hints", "navigation", "rename", "selection",
                    "semantic_tokens", "signature_help", "symbols")


def _warm_up() -> None:
    """Import the analysis (and its grammar) before the first document needs it, then the
    features and the formatter."""
    import importlib

    try:
        from ..analysis import analyze

        analyze(b"")
        for name in _FEATURE_MODULES:
            importlib.import_module(f"flux_ls.ide.{name}")
        importlib.import_module("flux_ls.fmt")
    except Exception:
        log.exception("the analysis cannot be loaded")


def create_server(client_log: ClientHandler | None = None) -> FluxServer:
    from . import diagnostics, features, flowgraph, formatting, simulate, workspace

    server = FluxServer(client_log)
    _register_lifecycle(server)
    diagnostics.register(server)
    workspace.register(server)
    formatting.register(server)
    flowgraph.register(server)
    features.register(server)
    simulate.register(server)
    return server
