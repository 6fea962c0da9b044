"""The server's own copy of every open document, and the analysis of each, kept current.

pygls hands a ``didChange`` handler the text *after* the change, but tree-sitter's
``Tree.edit`` needs the offsets of the text *before* it. So the server keeps each document
as UTF-8 bytes and replays the content changes itself: every LSP range is converted to bytes
against the previous text (in the negotiated position encoding, ``convert.offset``), the bytes
are spliced, and the byte edit is queued for the incremental re-parse. A change without a
range (full-document sync) becomes the one edit between the common prefix and suffix of the
old and new text, so it re-parses incrementally too.

Analysis runs off the event loop, in the server's executor, one job per document at a time:
a job takes the latest text and every edit queued since its last tree, re-parses
incrementally (``syntax.parse.reparse``), then calls ``analyze_document`` — the one place
the server calls the analysis. Edits that arrive while a job runs are picked up by the next
job, so a burst of keystrokes costs one analysis, not one per keystroke. A finished job
whose text is no longer the newest is still handed to waiting requests, but the server
publishes diagnostics only for the newest revision (stale results are dropped).

A new edit cancels the document's running analysis, so a text that takes seconds to analyse
never delays its newer versions: the edit raises ``StaleAnalysis`` in the worker thread
(``PyThreadState_SetAsyncExc``; it lands at the next bytecode, after any C call such as the
tree-sitter parse returns). Only the pure part of a job — re-parse, analysis, conversion —
can be interrupted; its edits are put back for the next job, which starts at once.
``StaleAnalysis`` is a ``BaseException``, so the analysis's guard against bugs in a check
(``except Exception`` → FLX000) does not swallow it.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..text import common_ends
from . import convert
from .positions import Encoding, Lines

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..syntax.parse import SyntaxTree, TextEdit

log = logging.getLogger(__name__)

Change = types.TextDocumentContentChangePartial | types.TextDocumentContentChangeWholeDocument


class StaleAnalysis(BaseException):
    """Raised in a worker thread whose analysis a newer edit made useless."""


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_clear_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))


#: Imported before the first interruptible job: an exception raised into a thread in the
#: middle of an import could leave a module half made, or its import lock held.
_WARM = ("traceback", "difflib", "importlib.resources", "lark", "lark.exceptions",
         "flux_ls.analysis", "flux_ls.checks.islands", "flux_ls.checks.suggest",
         "flux_ls.syntax.parse", "flux_ls.codes", "flux_ls.lsp.convert",
         "flux_ls.lsp.diagnostics", "lsprotocol.converters")
_warmed = False


def _warm() -> None:
    global _warmed
    if not _warmed:
        import importlib

        for name in _WARM:
            importlib.import_module(name)
        _warmed = True


def _importing() -> bool:
    """Whether some thread is inside an import (CPython's per-module import locks)."""
    import importlib._bootstrap as bootstrap

    return bool(getattr(bootstrap, "_module_locks", None))


def _interrupt(thread: int) -> bool:
    """Raise ``StaleAnalysis`` in ``thread`` (not while an import runs anywhere)."""
    if _importing():
        return False
    return bool(_set_async_exc(thread, StaleAnalysis))


def analyze_document(syntax: SyntaxTree, path: str, previous: Analysis | None) -> Analysis:
    """The one call of the analysis for a document the server holds (open or indexed).

    ``previous`` is the last analysis of the same document: the analysis reuses the work the
    edits since did not touch (and gives the same result as without it).
    """
    from ..analysis import analyze

    return analyze(syntax.data, path, syntax=syntax, previous=previous)


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def diff_edit(old: bytes, new: bytes) -> tuple[int, int, bytes]:
    """The single replacement ``old[start:end] -> middle`` that turns ``old`` into ``new``."""
    prefix, suffix = common_ends(old, new)
    return prefix, len(old) - suffix, new[prefix:len(new) - suffix]


@dataclass(eq=False)
class Analysed:
    """One analysis of one revision of a document, with the line index of its text (LSP
    conversions of its spans must use *its* text, which may be older than the document's)."""

    uri: str
    revision: int
    version: int | None
    analysis: Analysis
    lines: Lines
    cache: dict[str, Any] = field(default_factory=dict)  # converted results, per feature


class Document:
    """One open document: its newest bytes (on the event loop) and its analysis (off it)."""

    def __init__(self, uri: str, path: str, version: int | None, text: str,
                 encoding: Encoding) -> None:
        self.uri = uri
        self.path = path
        self.version = version
        self.data = encode(text)
        self.lines = Lines(self.data, encoding)
        self.revision = 0
        self.closed = False
        self.current: Analysed | None = None
        self._lock = threading.Lock()          # data/version/pending between loop and worker
        self._pending: list[TextEdit] = []     # byte edits since ``_syntax`` (worker-owned)
        self._syntax: SyntaxTree | None = None
        self._job: asyncio.Future[Analysed] | None = None
        self._worker: int | None = None        # thread running the interruptible part of a job
        self.cancelled = 0                     # analyses cancelled by newer edits
        self._waiters: list[tuple[int, asyncio.Future[Analysed]]] = []

    # -- changes (event loop) ---------------------------------------------------------------

    def apply(self, version: int | None, changes: Sequence[Change]) -> None:
        """Replay LSP content changes, each against the text the previous one produced."""
        from ..syntax.parse import TextEdit

        edits: list[TextEdit] = []
        data, lines = self.data, self.lines
        for change in changes:
            new_text = encode(change.text)
            if isinstance(change, types.TextDocumentContentChangePartial):
                start = convert.offset(lines, change.range.start)
                end = max(start, convert.offset(lines, change.range.end))
            else:
                start, end, new_text = diff_edit(data, new_text)
            if start == end and not new_text:
                continue
            edits.append(TextEdit(start, end, new_text))
            data = data[:start] + new_text + data[end:]
            lines = lines.edited(start, end, new_text, data)
        with self._lock:
            self.data, self.lines, self.version = data, lines, version
            self._pending.extend(edits)
            self.revision += 1
            if self._worker is not None and edits and _interrupt(self._worker):
                self._worker = None  # its text is stale: stopped

    # -- analysis (executor) ----------------------------------------------------------------

    def _analyse(self, prepare: Callable[[Analysed], object] | None = None) -> Analysed:
        """Runs in the executor: re-parse what changed, analyse, index the lines, and
        ``prepare`` the result (e.g. convert its diagnostics) while still off the loop."""
        from ..syntax.parse import parse, reparse

        _warm()
        began = time.perf_counter()
        me = threading.get_ident()
        with self._lock:
            revision, version, data, lines = self.revision, self.version, self.data, self.lines
            edits, self._pending = self._pending, []
            self._worker = me
        try:
            try:  # pure work only, from here: a newer edit may interrupt it anywhere
                if self._syntax is None:
                    syntax = parse(data)
                elif edits:
                    syntax = reparse(self._syntax, edits)
                else:
                    syntax = self._syntax
                if syntax.data != data:  # only if an edit was lost: never analyse stale text
                    log.error("%s: incremental re-parse diverged from the text; parsing afresh",
                              self.uri)
                    syntax = parse(data)
                parsed = time.perf_counter()
                previous = self.current.analysis if self.current is not None else None
                analysis = analyze_document(syntax, self.path, previous)
                analysed = time.perf_counter()
                result = Analysed(self.uri, revision, version, analysis, lines)
                if prepare is not None:
                    prepare(result)
            finally:
                with self._lock:
                    self._worker = None
                    _clear_async_exc(me, None)  # one sent but not yet raised: drop it
        except StaleAnalysis:
            with self._lock:
                self._pending[:0] = edits  # the next job re-parses from the same tree
                self.cancelled += 1
            raise
        self._syntax = syntax
        if log.isEnabledFor(logging.DEBUG):
            done = time.perf_counter()
            log.debug("%s revision %d: %s %.1f ms, analysis %.1f ms, conversion %.1f ms",
                      self.uri, revision, "re-parse" if edits else "parse",
                      (parsed - began) * 1e3, (analysed - parsed) * 1e3, (done - analysed) * 1e3)
        return result

    def fresh(self) -> Analysed | None:
        """The analysis of the newest text, if it is already there."""
        current = self.current
        return current if current is not None and current.revision == self.revision else None


class DocumentStore:
    """Open documents by URI, and the scheduling of their analyses on ``executor``."""

    def __init__(self, executor: Executor,
                 on_analysed: Callable[[Document, Analysed], None]) -> None:
        self.executor = executor
        self.on_analysed = on_analysed
        self.prepare: Callable[[Analysed], object] | None = None  # see ``Document._analyse``
        self.encoding: Encoding = "utf-16"
        self._docs: dict[str, Document] = {}

    def __iter__(self) -> Iterator[Document]:
        return iter(list(self._docs.values()))

    def get(self, uri: str) -> Document | None:
        return self._docs.get(uri)

    def open(self, uri: str, path: str, version: int | None, text: str) -> Document:
        old = self._docs.pop(uri, None)
        if old is not None:
            old.closed = True
        doc = Document(uri, path, version, text, self.encoding)
        self._docs[uri] = doc
        self.schedule(doc)
        return doc

    def change(self, uri: str, version: int | None, changes: Sequence[Change]) -> Document | None:
        doc = self._docs.get(uri)
        if doc is None:
            log.warning("didChange for %s, which is not open: ignored", uri)
            return None
        doc.apply(version, changes)
        self.schedule(doc)
        return doc

    def close(self, uri: str) -> Document | None:
        doc = self._docs.pop(uri, None)
        if doc is not None:
            doc.closed = True
        return doc

    def schedule(self, doc: Document) -> None:
        """Make sure an analysis of ``doc``'s newest revision is running or will run."""
        if doc._job is not None or doc.closed:
            return
        doc._job = asyncio.get_running_loop().run_in_executor(self.executor, doc._analyse,
                                                              self.prepare)
        doc._job.add_done_callback(lambda job: self._finished(doc, job))

    def _finished(self, doc: Document, job: asyncio.Future[Analysed]) -> None:
        doc._job = None
        error = None if job.cancelled() else job.exception()
        if isinstance(error, StaleAnalysis):
            log.info("%s: analysis cancelled, a newer edit arrived (revision %d)", doc.uri,
                     doc.revision)
            self.schedule(doc)
            return
        if job.cancelled() or error is not None:
            log.error("analysis of %s failed: %r", doc.uri, error, exc_info=error)
            for _, waiter in doc._waiters:
                if not waiter.done():
                    waiter.set_exception(RuntimeError(f"analysis of {doc.uri} failed"))
            doc._waiters.clear()
            return
        result = job.result()
        if doc.current is None or result.revision >= doc.current.revision:
            doc.current = result
        ready = [w for w in doc._waiters if w[0] <= result.revision]
        doc._waiters = [w for w in doc._waiters if w[0] > result.revision]
        for _, waiter in ready:
            if not waiter.done():
                waiter.set_result(result)
        if not doc.closed:
            try:
                self.on_analysed(doc, result)
            except Exception:
                log.exception("publishing the analysis of %s failed", doc.uri)
        if result.revision != doc.revision and not doc.closed:
            self.schedule(doc)  # edits arrived while it ran
        elif doc.closed:
            for _, waiter in doc._waiters:
                if not waiter.done():
                    waiter.set_result(result)
            doc._waiters.clear()

    async def analysed(self, doc: Document) -> Analysed:
        """The analysis of the document's text as of now (waiting for it if needed)."""
        fresh = doc.fresh()
        if fresh is not None:
            return fresh
        waiter: asyncio.Future[Analysed] = asyncio.get_running_loop().create_future()
        doc._waiters.append((doc.revision, waiter))
        self.schedule(doc)
        return await waiter
