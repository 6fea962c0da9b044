"""Code actions: quick fixes for diagnostics, and the source action "Format document".

Quick fixes come from ``flux_ls.ide.code_actions`` (which include the diagnostics' own
fixes, ``Diagnostic.fixes``), each tied to its LSP diagnostic, computed and converted in the
executor. The format action (kind ``source.format``) is computed only when asked for:
eagerly when the request's ``only`` names a source kind (e.g. "Source Action…", code
actions on save), lazily through ``codeAction/resolve`` when the client can resolve
edits — editors ask for code actions at every cursor move, and formatting a large file at
each would be waste.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from . import convert, handshake
from .diagnostics import lsp_diagnostics
from .formatting import format_edits

if TYPE_CHECKING:
    from .documents import Analysed
    from .server import FluxServer

FORMAT_KIND = handshake.CODE_ACTION_KINDS[1]
FORMAT_TITLE = "Format document"
KINDS: list[types.CodeActionKind | str] = [types.CodeActionKind.QuickFix, FORMAT_KIND]


def matches(kind: str, only: Sequence[str] | None) -> bool:
    """Whether ``kind`` is one of the kinds asked for (a kind matches its sub-kinds)."""
    if only is None:
        return True
    return any(kind == o or kind.startswith(f"{o}.") for o in map(str, only))


def quick_fixes(result: Analysed, rng: types.Range) -> list[types.CodeAction]:
    """The quick fixes of ``ide.code_actions`` for the diagnostics under ``rng``."""
    from ..ide.code_actions import code_actions

    start, end = convert.byte_range(result.lines, rng)
    lsp_items = lsp_diagnostics(result)
    by_key = {(d.code, d.span.start, d.span.end): lsp
              for d, lsp in zip(result.analysis.diagnostics, lsp_items, strict=True)}
    return [convert.ide_action(result.uri, result.lines, a, by_key.get(
        (a.diagnostic.code, a.diagnostic.span.start, a.diagnostic.span.end)))
        for a in code_actions(result.analysis, start, end)]


def _format_action(uri: str, edits: list[types.TextEdit] | None,
                   data: Any = None) -> types.CodeAction:
    edit = types.WorkspaceEdit(changes={uri: edits}) if edits is not None else None
    return types.CodeAction(title=FORMAT_TITLE, kind=FORMAT_KIND, edit=edit, data=data)


def register(server: FluxServer) -> None:
    options = types.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=True)

    @server.request(types.TEXT_DOCUMENT_CODE_ACTION, options)
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri, only = params.text_document.uri, params.context.only
        doc = server.documents.get(uri)
        result = await server.analysed(uri)
        if result is None:
            return None
        actions: list[types.CodeAction] = []
        if matches(types.CodeActionKind.QuickFix, only):
            actions += await server.in_executor(quick_fixes, result, params.range)
        if doc is not None and only is not None and any(matches(FORMAT_KIND, [o]) or
                                                        matches(o, [FORMAT_KIND]) for o in only):
            edits = await format_edits(server, doc)
            if edits:
                actions.append(_format_action(uri, edits))
        elif doc is not None and only is None and server.client_supports(
                "text_document.code_action.resolve_support") and not result.analysis.errors:
            actions.append(_format_action(uri, None, {"uri": uri, "action": "format"}))
        return actions

    @server.request(types.CODE_ACTION_RESOLVE)
    async def resolve(action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        doc = server.documents.get(str(data.get("uri", "")))
        if data.get("action") != "format" or doc is None:
            return action
        edits = await format_edits(server, doc)
        return _format_action(doc.uri, edits or [])
