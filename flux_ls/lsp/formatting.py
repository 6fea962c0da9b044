"""Formatting and range formatting: the same formatter as ``flux fmt`` (``flux_ls.fmt``).

Whole-document formatting answers with the one edit between the common prefix and suffix
of the old and new text (so cursors and marks outside it stay put), or no edit when the file
is already formatted. A document with a syntax error is not formatted (``format_text``
refuses; the error is already a diagnostic) and range formatting leaves the broken
declarations alone. Formatting runs in the executor; if the document changed meanwhile the
request fails with ``ContentModified`` rather than return edits for an older text.

The formatter gets the document's tree from its analysis (re-parsed incrementally after each
change), so it never parses a large file from scratch; with its caches (``flux_ls.fmt``),
formatting again after a small edit costs about what the edit touched.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified

from . import convert
from .documents import Document

if TYPE_CHECKING:
    from ..fmt import RangeEdit
    from ..syntax.parse import SyntaxTree
    from .server import FluxServer

log = logging.getLogger(__name__)


def formatted(data: bytes, syntax: SyntaxTree | None = None) -> str | None:
    """The canonical layout of a document, or None when it cannot be formatted; ``syntax``,
    the tree of ``data`` if there is one at hand, saves parsing it."""
    from ..fmt import FormatError, FormatterBug, format_text

    try:
        return format_text(data.decode("utf-8", "surrogatepass"), syntax)
    except FormatError as error:
        log.info("not formatted: %s", error)
    except FormatterBug as error:
        log.error("the formatter refused its own output (a bug, please report it): %s", error)
    return None


def range_formatted(data: bytes, start: int, end: int,
                    syntax: SyntaxTree | None = None) -> list[RangeEdit]:
    from ..fmt import format_range

    return format_range(data.decode("utf-8", "surrogatepass"), start, end, syntax)


async def tree_of(server: FluxServer, doc: Document, revision: int) -> SyntaxTree | None:
    """The tree of the document's text at ``revision``, from its analysis (None if the
    document changed meanwhile)."""
    result = await server.documents.analysed(doc)
    syntax = result.analysis.syntax
    return syntax if result.revision == revision and syntax.data == doc.lines.data else None


async def format_edits(server: FluxServer, doc: Document) -> list[types.TextEdit] | None:
    """Edits formatting the whole document (None: it cannot be formatted)."""
    revision, lines = doc.revision, doc.lines
    syntax = await tree_of(server, doc, revision)
    if doc.revision != revision:
        raise JsonRpcContentModified("the document changed while it was being formatted")
    text = await server.in_executor(formatted, lines.data, syntax)
    if doc.revision != revision:
        raise JsonRpcContentModified("the document changed while it was being formatted")
    return None if text is None else convert.replace_all(lines, text)


def register(server: FluxServer) -> None:
    @server.request(types.TEXT_DOCUMENT_FORMATTING)
    async def formatting(params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        doc = server.documents.get(params.text_document.uri)
        return None if doc is None else await format_edits(server, doc)

    @server.request(types.TEXT_DOCUMENT_RANGE_FORMATTING)
    async def range_formatting(params: types.DocumentRangeFormattingParams
                               ) -> list[types.TextEdit] | None:
        doc = server.documents.get(params.text_document.uri)
        if doc is None:
            return None
        revision, lines = doc.revision, doc.lines
        start, end = convert.byte_range(lines, params.range)
        syntax = await tree_of(server, doc, revision)
        if doc.revision != revision:
            raise JsonRpcContentModified("the document changed while it was being formatted")
        edits = await server.in_executor(range_formatted, lines.data, start, end, syntax)
        if doc.revision != revision:
            raise JsonRpcContentModified("the document changed while it was being formatted")
        return convert.text_edits(lines, edits)
