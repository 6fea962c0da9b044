"""The editor features of ``flux_ls.ide`` as LSP requests.

Every handler does the same three things: get the analysis of the document's newest text
(``server.analysed``), call the pure ``flux_ls.ide`` function in the executor (with byte
offsets from ``convert.offset``; ``Features.at_position`` does both for a cursor), and hand
the result to ``convert``. What a client can take
(markdown, snippets, hierarchical symbols, change annotations) decides the conversion.
Semantic tokens keep the last encoded array per document so ``full/delta`` can answer with
edits, and send whole arrays as pre-encoded JSON (``server.PreEncoded``); the legend is
``ide.semantic_tokens.TOKEN_TYPES``/``TOKEN_MODIFIERS`` (documented in
docs/semantic-tokens.md).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from . import actions, convert, handshake
from .documents import Analysed, Document

if TYPE_CHECKING:
    from ..ide.semantic_tokens import TokensEdit
    from .server import FluxServer

R = TypeVar("R")
REQUEST_FAILED = -32803
REFERENCES_COMMAND = handshake.COMMANDS[1]
LEGEND = types.SemanticTokensLegend(token_types=handshake.TOKEN_TYPES,
                                    token_modifiers=handshake.TOKEN_MODIFIERS)


class Features:
    """Shared plumbing of the handlers: analyses, executor calls, client abilities."""

    def __init__(self, server: FluxServer) -> None:
        self.server = server
        self.tokens: dict[str, tuple[str, list[int]]] = {}  # uri -> (result id, data)
        self.token_ids = itertools.count(1)

    async def at(self, doc: types.TextDocumentIdentifier) -> Analysed | None:
        return await self.server.analysed(doc.uri)

    async def run(self, fn: Callable[..., R], *args: Any) -> R:
        return await self.server.in_executor(fn, *args)

    async def at_position(self, params: Any, fn: Callable[..., R], *extra: Any
                          ) -> tuple[Analysed, R] | None:
        """The newest analysis of ``params.text_document`` and ``fn(analysis, offset, *extra)``
        run in the executor, ``offset`` being ``params.position`` in bytes; None for a
        document the server does not know."""
        result = await self.at(params.text_document)
        if result is None:
            return None
        offset = convert.offset(result.lines, params.position)
        return result, await self.run(fn, result.analysis, offset, *extra)

    def markdown(self, capability: str) -> bool:
        value: Any = self.server.client_capabilities
        for part in capability.split("."):
            value = getattr(value, part, None)
            if value is None:
                return True  # unspecified: markdown reads fine as text too
        return types.MarkupKind.Markdown in value

    def supports(self, capability: str) -> bool:
        return self.server.client_supports(capability)


def register(server: FluxServer) -> None:
    features = Features(server)
    actions.register(server, extra=[ide_quick_fixes])
    _navigation(server, features)
    _editing(server, features)
    _structure(server, features)
    _tokens(server, features)


def ide_quick_fixes(result: Analysed, params: types.CodeActionParams) -> list[types.CodeAction]:
    """The quick fixes of ``ide.code_actions`` for the diagnostics under the range."""
    from ..ide.code_actions import code_actions
    from .diagnostics import lsp_diagnostics

    start, end = convert.byte_range(result.lines, params.range)
    lsp_items = lsp_diagnostics(result)
    by_key = {(d.code, d.span.start, d.span.end): lsp
              for d, lsp in zip(result.analysis.diagnostics, lsp_items, strict=True)}
    found = code_actions(result.analysis, start, end, only=[types.CodeActionKind.QuickFix])
    return [convert.ide_action(result.uri, result.lines, a, by_key.get(
        (a.diagnostic.code, a.diagnostic.span.start, a.diagnostic.span.end))
        if a.diagnostic is not None else None) for a in found]


def _navigation(server: FluxServer, f: Features) -> None:
    @server.request(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(params: types.DefinitionParams) -> list[types.Location] | None:
        from ..ide import navigation as nav

        located = await f.at_position(params, nav.definition)
        if located is None:
            return None
        result, found = located
        return convert.locations(result.uri, result.lines, found)

    @server.request(types.TEXT_DOCUMENT_DECLARATION)
    async def declaration(params: types.DeclarationParams) -> list[types.Location] | None:
        from ..ide import navigation as nav

        located = await f.at_position(params, nav.declaration)
        if located is None:
            return None
        result, found = located
        return convert.locations(result.uri, result.lines, found)

    @server.request(types.TEXT_DOCUMENT_REFERENCES)
    async def references(params: types.ReferenceParams) -> list[types.Location] | None:
        from ..ide import navigation as nav

        located = await f.at_position(params, nav.references,
                                      params.context.include_declaration)
        if located is None:
            return None
        result, found = located
        return convert.locations(result.uri, result.lines, found)

    @server.request(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    async def highlight(params: types.DocumentHighlightParams
                        ) -> list[types.DocumentHighlight] | None:
        from ..ide import navigation as nav

        located = await f.at_position(params, nav.document_highlight)
        if located is None:
            return None
        result, found = located
        return convert.highlights(result.lines, found)

    @server.request(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        from ..ide.hover import hover as hover_at

        located = await f.at_position(params, hover_at)
        if located is None:
            return None
        result, found = located
        markdown = f.markdown("text_document.hover.content_format")
        return None if found is None else convert.hover(result.lines, found, markdown)

    _call_hierarchy(server, f)


def _call_hierarchy(server: FluxServer, f: Features) -> None:
    @server.request(types.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
    async def prepare(params: types.CallHierarchyPrepareParams
                      ) -> list[types.CallHierarchyItem] | None:
        from ..ide import callhierarchy as calls

        located = await f.at_position(params, calls.prepare_call_hierarchy)
        if located is None:
            return None
        result, found = located
        return [convert.call_item(result.uri, result.lines, item) for item in found] or None

    def node_of(item: types.CallHierarchyItem) -> str:
        data = item.data
        name = data.get("name") if isinstance(data, dict) else None
        return name if isinstance(name, str) else item.name

    @server.request(types.CALL_HIERARCHY_INCOMING_CALLS)
    async def incoming(params: types.CallHierarchyIncomingCallsParams
                       ) -> list[types.CallHierarchyIncomingCall] | None:
        result = await server.analysed(params.item.uri)
        if result is None:
            return None
        from ..ide import callhierarchy as calls

        found = await f.run(calls.incoming_calls, result.analysis, node_of(params.item))
        return convert.incoming_calls(result.uri, result.lines, found)

    @server.request(types.CALL_HIERARCHY_OUTGOING_CALLS)
    async def outgoing(params: types.CallHierarchyOutgoingCallsParams
                       ) -> list[types.CallHierarchyOutgoingCall] | None:
        result = await server.analysed(params.item.uri)
        if result is None:
            return None
        from ..ide import callhierarchy as calls

        found = await f.run(calls.outgoing_calls, result.analysis, node_of(params.item))
        return convert.outgoing_calls(result.uri, result.lines, found)


def _editing(server: FluxServer, f: Features) -> None:
    @server.request(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(params: types.PrepareRenameParams
                             ) -> types.PrepareRenamePlaceholder | None:
        from ..ide import rename as ren

        located = await f.at_position(params, ren.prepare_rename)
        if located is None:
            return None
        result, found = located
        if isinstance(found, ren.RenameRefused):
            raise JsonRpcException(found.message, code=REQUEST_FAILED)
        return convert.prepare_rename(result.lines, found)

    @server.request(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    async def rename(params: types.RenameParams) -> types.WorkspaceEdit | None:
        from ..ide import rename as ren

        located = await f.at_position(params, ren.rename, params.new_name)
        if located is None:
            return None
        result, found = located
        if isinstance(found, ren.RenameRefused):
            raise JsonRpcException(found.message, code=REQUEST_FAILED)
        annotate = f.supports("workspace.workspace_edit.change_annotation_support") and \
            f.supports("workspace.workspace_edit.document_changes")
        if found.warning is not None and not annotate:
            server.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning, message=found.warning))
        return convert.rename_edit(result.uri, result.lines, found, result.version, annotate)

    @server.request(types.TEXT_DOCUMENT_SIGNATURE_HELP, types.SignatureHelpOptions(
        trigger_characters=handshake.SIGNATURE_TRIGGERS,
        retrigger_characters=handshake.SIGNATURE_RETRIGGERS))
    async def signature_help(params: types.SignatureHelpParams) -> types.SignatureHelp | None:
        from ..ide.signature_help import signature_help as help_at

        located = await f.at_position(params, help_at)
        if located is None:
            return None
        result, found = located
        markdown = f.markdown(
            "text_document.signature_help.signature_information.documentation_format")
        return None if found is None else convert.signature_help(found, markdown)

    @server.request(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=handshake.COMPLETION_TRIGGERS))
    async def completion(params: types.CompletionParams) -> types.CompletionList | None:
        from ..ide.completion import complete

        located = await f.at_position(params, complete)
        if located is None:
            return None
        result, found = located
        return convert.completion_list(
            result.lines, found,
            snippets=f.supports("text_document.completion.completion_item.snippet_support"),
            markdown=f.markdown(
                "text_document.completion.completion_item.documentation_format"))


def _structure(server: FluxServer, f: Features) -> None:
    @server.request(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(params: types.DocumentSymbolParams) -> list[Any] | None:
        from ..ide.symbols import document_symbols

        result = await f.at(params.text_document)
        if result is None:
            return None
        found = await f.run(document_symbols, result.analysis)
        if f.supports("text_document.document_symbol.hierarchical_document_symbol_support"):
            return convert.document_symbols(result.lines, found)
        return convert.flat_symbols(result.uri, result.lines, found)

    @server.request(types.WORKSPACE_SYMBOL)
    async def workspace_symbol(params: types.WorkspaceSymbolParams
                               ) -> list[types.SymbolInformation]:
        from ..ide.symbols import workspace_symbols

        await server.index.ready()
        files = {}
        for doc in server.documents:
            result = doc.current or await server.documents.analysed(doc)
            files[doc.uri] = result
        open_paths = {doc.path for doc in server.documents}
        for entry in server.index.entries():
            if entry.path not in open_paths:
                files[entry.uri] = entry.result
        found = await f.run(workspace_symbols,
                            [(uri, r.analysis) for uri, r in files.items()], params.query)
        return convert.workspace_symbols(found, {uri: r.lines for uri, r in files.items()})

    @server.request(types.TEXT_DOCUMENT_FOLDING_RANGE)
    async def folding_range(params: types.FoldingRangeParams
                            ) -> list[types.FoldingRange] | None:
        from ..ide.folding import folding_ranges

        result = await f.at(params.text_document)
        if result is None:
            return None
        return convert.folding_ranges(await f.run(folding_ranges, result.analysis))

    @server.request(types.TEXT_DOCUMENT_SELECTION_RANGE)
    async def selection_range(params: types.SelectionRangeParams
                              ) -> list[types.SelectionRange] | None:
        from ..ide.selection import selection_ranges

        result = await f.at(params.text_document)
        if result is None:
            return None
        offsets = [convert.offset(result.lines, p) for p in params.positions]
        chains = await f.run(selection_ranges, result.analysis, offsets)
        return [convert.selection_range(result.lines, chain) for chain in chains]

    @server.request(types.TEXT_DOCUMENT_INLAY_HINT)
    async def inlay_hint(params: types.InlayHintParams) -> list[types.InlayHint] | None:
        from ..ide.inlay_hints import inlay_hints

        result = await f.at(params.text_document)
        if result is None:
            return None
        start, end = convert.byte_range(result.lines, params.range)
        found = await f.run(inlay_hints, result.analysis, start, end)
        return convert.inlay_hints(result.lines, found)

    @server.request(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=False))
    async def code_lens(params: types.CodeLensParams) -> list[types.CodeLens] | None:
        from ..ide.code_lens import code_lenses

        result = await f.at(params.text_document)
        if result is None:
            return None
        found = await f.run(code_lenses, result.analysis)
        return [convert.code_lens(result.uri, result.lines, lens) for lens in found]

    async def show_references(*arguments: Any) -> Any:
        """The command of the reference-count lenses: its third argument, the locations."""
        return arguments[2] if len(arguments) > 2 else []

    server.async_command(REFERENCES_COMMAND, show_references)


def _tokens(server: FluxServer, f: Features) -> None:
    """Semantic tokens. ``full`` and a ``full/delta`` without a usable previous id answer
    with the whole array, as JSON text assembled from cached pieces (``PreEncoded``); a
    ``full/delta`` answers with the one edit between the previous array and the new one."""
    from .server import PreEncoded

    legend = LEGEND

    def tokens_json(data_json: str, result_id: str | None = None) -> PreEncoded:
        rid = "" if result_id is None else f', "resultId": {json.dumps(result_id)}'
        return PreEncoded(f'{{"data": {data_json}{rid}}}')

    def remember(uri: str, data: list[int]) -> str:
        result_id = str(next(f.token_ids))
        f.tokens[uri] = (result_id, data)
        return result_id

    @server.request(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, legend)
    async def full(params: types.SemanticTokensParams) -> PreEncoded | None:
        from ..ide.semantic_tokens import encoded_tokens_json

        result = await f.at(params.text_document)
        if result is None:
            return None
        data, data_json = await f.run(encoded_tokens_json, result.analysis,
                                      result.lines.encoding)
        return tokens_json(data_json, remember(result.uri, data))

    def delta_of(result: Analysed, previous: list[int] | None
                 ) -> tuple[list[int], str, list[TokensEdit] | None]:
        from ..ide.semantic_tokens import edits, encoded_tokens_json

        data, data_json = encoded_tokens_json(result.analysis, result.lines.encoding)
        return data, data_json, None if previous is None else edits(previous, data)

    @server.request(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL_DELTA, legend)
    async def delta(params: types.SemanticTokensDeltaParams
                    ) -> PreEncoded | types.SemanticTokensDelta | None:
        result = await f.at(params.text_document)
        if result is None:
            return None
        previous = f.tokens.get(result.uri)
        usable = previous[1] if previous is not None and \
            previous[0] == params.previous_result_id else None
        data, data_json, changes = await f.run(delta_of, result, usable)
        result_id = remember(result.uri, data)
        if changes is None:
            return tokens_json(data_json, result_id)
        return types.SemanticTokensDelta(result_id=result_id, edits=[
            types.SemanticTokensEdit(start=e.start, delete_count=e.delete_count,
                                     data=list(e.data)) for e in changes])

    def in_range_of(result: Analysed, start: int, end: int) -> str:
        from ..ide.semantic_tokens import encode, semantic_tokens

        found = semantic_tokens(result.analysis, start, end)
        ints = encode(found, result.analysis.data, result.lines.encoding)
        return json.dumps(ints, separators=(",", ":"))

    @server.request(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, legend)
    async def in_range(params: types.SemanticTokensRangeParams) -> PreEncoded | None:
        result = await f.at(params.text_document)
        if result is None:
            return None
        start, end = convert.byte_range(result.lines, params.range)
        return tokens_json(await f.run(in_range_of, result, start, end))

    def forget(doc: Document) -> None:
        f.tokens.pop(doc.uri, None)

    server.on_document_closed.append(forget)
