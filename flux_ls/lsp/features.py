"""The editor features of ``flux_ls.ide`` as LSP requests.

Every handler does the same: get the analysis of the document's newest text
(``server.analysed``), then, as one job in the executor, call the pure ``flux_ls.ide``
function (with byte offsets from ``convert.offset``) and hand its result to ``convert``
(``Features.answer``; ``Features.at_position`` for a cursor). What a client can take
(markdown, snippets, hierarchical symbols, change annotations) decides the conversion.
Semantic tokens keep the last encoded array per document so ``full/delta`` can answer with
edits, and send whole arrays as pre-encoded JSON (``server.PreEncoded``); the legend is
``ide.semantic_tokens.TOKEN_TYPES``/``TOKEN_MODIFIERS`` (documented in
docs/semantic-tokens.md).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.uris import to_fs_path

from ..ide.legend import REFERENCES_COMMAND
from . import actions, convert, handshake
from .documents import Analysed, Document

if TYPE_CHECKING:
    from ..ide.implementation import CIndex
    from ..ide.semantic_tokens import TokensEdit
    from .cindex import CIndexes
    from .server import FluxServer

R = TypeVar("R")
REQUEST_FAILED = -32803
LEGEND = types.SemanticTokensLegend(token_types=handshake.TOKEN_TYPES,
                                    token_modifiers=handshake.TOKEN_MODIFIERS)


class Features:
    """Shared plumbing of the handlers: analyses, executor jobs, client abilities."""

    def __init__(self, server: FluxServer) -> None:
        self.server = server
        self.tokens: dict[str, tuple[str, list[int]]] = {}  # uri -> (result id, data)
        self.token_ids = itertools.count(1)
        self._c_lock = threading.Lock()
        self._c_indexes: CIndexes | None = None

    async def answer(self, uri: str, job: Callable[[Analysed], R]) -> R | None:
        """``job(analysis)`` on the newest analysis of ``uri``, in the executor: the feature
        and the conversion of its result are one job, off the event loop (converting
        thousands of symbols or lenses takes over 100 ms). None for a document the server
        does not know."""
        result = await self.server.analysed(uri)
        if result is None:
            return None
        return await self.server.in_executor(job, result)

    async def at_position(self, params: Any, job: Callable[[Analysed, int], R]) -> R | None:
        """``answer`` for ``params.text_document``, with ``params.position`` in bytes."""
        return await self.answer(params.text_document.uri, lambda result: job(
            result, convert.offset(result.lines, params.position)))

    def markdown(self, capability: str) -> bool:
        value = self.server.client_capability(capability)
        # unspecified: markdown reads fine as text too
        return value is None or types.MarkupKind.Markdown in value

    def strict_markdown(self, capability: str) -> bool:
        """Whether the client declared Markdown (completion documentation: a client that
        declares no format gets plain text)."""
        value = self.server.client_capability(capability)
        return value is not None and types.MarkupKind.Markdown in value

    def supports(self, capability: str) -> bool:
        return self.server.client_supports(capability)

    def c_index(self, uri: str) -> CIndex | str:
        """The C functions of the project of the Flux file ``uri`` (``lsp.cindex``: reads
        flux.toml and the C sources, cached by mtime), or why there are none. IO: call it
        from an executor job only."""
        from .cindex import CIndexes

        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:
            return "the document is not a file on disk"
        with self._c_lock:
            if self._c_indexes is None:
                self._c_indexes = CIndexes()
            indexes = self._c_indexes
        return indexes.project(Path(path))


def register(server: FluxServer) -> None:
    features = Features(server)
    actions.register(server)
    _navigation(server, features)
    _editing(server, features)
    _structure(server, features)
    _tokens(server, features)


#: The requests answered with the locations one ``flux_ls.ide.navigation`` function finds at
#: the cursor: method, function, and its arguments after the analysis and offset.
_LOCATIONS: list[tuple[str, str, Callable[[Any], tuple[Any, ...]]]] = [
    (types.TEXT_DOCUMENT_DEFINITION, "definition", lambda params: ()),
    (types.TEXT_DOCUMENT_DECLARATION, "declaration", lambda params: ()),
    (types.TEXT_DOCUMENT_REFERENCES, "references",
     lambda params: (params.context.include_declaration,)),
]


def _navigation(server: FluxServer, f: Features) -> None:
    def locations(name: str, extra: Callable[[Any], tuple[Any, ...]]
                  ) -> Callable[[Any], Awaitable[list[types.Location] | None]]:
        async def handler(params: Any) -> list[types.Location] | None:
            from ..ide import navigation as nav

            find = getattr(nav, name)
            return await f.at_position(params, lambda r, at: convert.locations(
                r.uri, r.lines, find(r.analysis, at, *extra(params))))

        handler.__name__ = name
        return handler

    for method, name, extra in _LOCATIONS:
        server.request(method)(locations(name, extra))

    @server.request(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    async def highlight(params: types.DocumentHighlightParams
                        ) -> list[types.DocumentHighlight] | None:
        from ..ide import navigation as nav

        return await f.at_position(params, lambda r, at: convert.highlights(
            r.lines, nav.document_highlight(r.analysis, at)))

    @server.request(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        from ..ide.hover import hover as hover_at

        markdown = f.markdown("text_document.hover.content_format")

        def job(r: Analysed, at: int) -> types.Hover | None:
            from ..ide import implementation as impl

            found = hover_at(r.analysis, at)
            if found is None:
                return None
            target = impl.c_function_at(r.analysis, at)
            if target is not None:  # where its C function is defined (reads the C sources)
                cindex = f.c_index(r.uri)
                note = (impl.implementation_note(target, None, cindex)
                        if isinstance(cindex, str) else impl.implementation_note(target, cindex))
                head, _, rest = found.markdown.partition("\n\n")  # after the signature
                found = replace(found, markdown="\n\n".join(p for p in (head, note, rest) if p))
            return convert.hover(r.lines, found, markdown)

        return await f.at_position(params, job)

    @server.request(types.TEXT_DOCUMENT_IMPLEMENTATION)
    async def implementation(params: types.ImplementationParams
                             ) -> list[types.Location] | None:
        from ..ide import implementation as impl

        def job(r: Analysed, at: int) -> list[types.Location] | None:
            if impl.c_function_at(r.analysis, at) is None:
                return None
            cindex = f.c_index(r.uri)
            if isinstance(cindex, str):
                return []
            return convert.c_locations(impl.implementation(r.analysis, at, cindex),
                                       r.lines.encoding)

        return await f.at_position(params, job)

    _call_hierarchy(server, f)


def _call_hierarchy(server: FluxServer, f: Features) -> None:
    @server.request(types.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
    async def prepare(params: types.CallHierarchyPrepareParams
                      ) -> list[types.CallHierarchyItem] | None:
        from ..ide import callhierarchy as calls

        return await f.at_position(params, lambda r, at: [
            convert.call_item(r.uri, r.lines, item)
            for item in calls.prepare_call_hierarchy(r.analysis, at)] or None)

    def node_of(item: types.CallHierarchyItem) -> str:
        data = item.data
        name = data.get("name") if isinstance(data, dict) else None
        return name if isinstance(name, str) else item.name

    @server.request(types.CALL_HIERARCHY_INCOMING_CALLS)
    async def incoming(params: types.CallHierarchyIncomingCallsParams
                       ) -> list[types.CallHierarchyIncomingCall] | None:
        from ..ide import callhierarchy as calls

        return await f.answer(params.item.uri, lambda r: convert.incoming_calls(
            r.uri, r.lines, calls.incoming_calls(r.analysis, node_of(params.item))))

    @server.request(types.CALL_HIERARCHY_OUTGOING_CALLS)
    async def outgoing(params: types.CallHierarchyOutgoingCallsParams
                       ) -> list[types.CallHierarchyOutgoingCall] | None:
        from ..ide import callhierarchy as calls

        return await f.answer(params.item.uri, lambda r: convert.outgoing_calls(
            r.uri, r.lines, calls.outgoing_calls(r.analysis, node_of(params.item))))


def _editing(server: FluxServer, f: Features) -> None:
    @server.request(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(params: types.PrepareRenameParams
                             ) -> types.PrepareRenamePlaceholder | None:
        from ..ide import rename as ren

        def job(r: Analysed, at: int) -> types.PrepareRenamePlaceholder:
            found = ren.prepare_rename(r.analysis, at)
            if isinstance(found, ren.RenameRefused):
                raise JsonRpcException(found.message, code=REQUEST_FAILED)
            return convert.prepare_rename(r.lines, found)

        return await f.at_position(params, job)

    @server.request(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    async def rename(params: types.RenameParams) -> types.WorkspaceEdit | None:
        from ..ide import rename as ren

        annotate = f.supports("workspace.workspace_edit.change_annotation_support") and \
            f.supports("workspace.workspace_edit.document_changes")

        def job(r: Analysed, at: int) -> tuple[str | None, types.WorkspaceEdit]:
            found = ren.rename(r.analysis, at, params.new_name)
            if isinstance(found, ren.RenameRefused):
                raise JsonRpcException(found.message, code=REQUEST_FAILED)
            return found.warning, convert.rename_edit(r.uri, r.lines, found, r.version, annotate)

        answer = await f.at_position(params, job)
        if answer is None:
            return None
        warning, edit = answer
        if warning is not None and not annotate:
            server.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning, message=warning))
        return edit

    @server.request(types.TEXT_DOCUMENT_SIGNATURE_HELP, types.SignatureHelpOptions(
        trigger_characters=handshake.SIGNATURE_TRIGGERS,
        retrigger_characters=handshake.SIGNATURE_RETRIGGERS))
    async def signature_help(params: types.SignatureHelpParams) -> types.SignatureHelp | None:
        from ..ide.signature_help import signature_help as help_at

        markdown = f.markdown(
            "text_document.signature_help.signature_information.documentation_format")

        def job(r: Analysed, at: int) -> types.SignatureHelp | None:
            found = help_at(r.analysis, at)
            return None if found is None else convert.signature_help(found, markdown)

        return await f.at_position(params, job)

    @server.request(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=handshake.COMPLETION_TRIGGERS))
    async def completion(params: types.CompletionParams) -> types.CompletionList | None:
        from ..ide.completion import complete

        snippets = f.supports("text_document.completion.completion_item.snippet_support")
        markdown = f.strict_markdown(
            "text_document.completion.completion_item.documentation_format")
        return await f.at_position(params, lambda r, at: convert.completion_list(
            r.lines, complete(r.analysis, at), snippets=snippets, markdown=markdown))


def _structure(server: FluxServer, f: Features) -> None:
    @server.request(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(params: types.DocumentSymbolParams) -> list[Any] | None:
        from ..ide.symbols import document_symbols

        hierarchical = f.supports(
            "text_document.document_symbol.hierarchical_document_symbol_support")

        def job(r: Analysed) -> list[Any]:
            found = document_symbols(r.analysis)
            if hierarchical:
                return convert.document_symbols(r.lines, found)
            return convert.flat_symbols(r.uri, r.lines, found)

        return await f.answer(params.text_document.uri, job)

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

        def job() -> list[types.SymbolInformation]:
            found = workspace_symbols([(uri, r.analysis) for uri, r in files.items()],
                                      params.query)
            return convert.workspace_symbols(found, {uri: r.lines for uri, r in files.items()})

        return await server.in_executor(job)

    @server.request(types.TEXT_DOCUMENT_FOLDING_RANGE)
    async def folding_range(params: types.FoldingRangeParams
                            ) -> list[types.FoldingRange] | None:
        from ..ide.folding import folding_ranges

        return await f.answer(params.text_document.uri,
                              lambda r: convert.folding_ranges(folding_ranges(r.analysis)))

    @server.request(types.TEXT_DOCUMENT_SELECTION_RANGE)
    async def selection_range(params: types.SelectionRangeParams
                              ) -> list[types.SelectionRange] | None:
        from ..ide.selection import selection_ranges

        def job(r: Analysed) -> list[types.SelectionRange]:
            offsets = [convert.offset(r.lines, p) for p in params.positions]
            return [convert.selection_range(r.lines, chain)
                    for chain in selection_ranges(r.analysis, offsets)]

        return await f.answer(params.text_document.uri, job)

    @server.request(types.TEXT_DOCUMENT_INLAY_HINT)
    async def inlay_hint(params: types.InlayHintParams) -> list[types.InlayHint] | None:
        from ..ide.inlay_hints import inlay_hints

        def job(r: Analysed) -> list[types.InlayHint]:
            start, end = convert.byte_range(r.lines, params.range)
            return convert.inlay_hints(r.lines, inlay_hints(r.analysis, start, end))

        return await f.answer(params.text_document.uri, job)

    @server.request(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=False))
    async def code_lens(params: types.CodeLensParams) -> list[types.CodeLens] | None:
        from ..ide.code_lens import code_lenses

        return await f.answer(params.text_document.uri, lambda r: [
            convert.code_lens(r.uri, r.lines, lens) for lens in code_lenses(r.analysis)])

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

        found = await f.answer(params.text_document.uri, lambda r: (
            r.uri, *encoded_tokens_json(r.analysis, r.lines.encoding)))
        if found is None:
            return None
        uri, data, data_json = found
        return tokens_json(data_json, remember(uri, data))

    def delta_of(result: Analysed, previous: list[int] | None
                 ) -> tuple[list[int], str, list[TokensEdit] | None]:
        from ..ide.semantic_tokens import edits, encoded_tokens_json

        data, data_json = encoded_tokens_json(result.analysis, result.lines.encoding)
        return data, data_json, None if previous is None else edits(previous, data)

    @server.request(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL_DELTA, legend)
    async def delta(params: types.SemanticTokensDeltaParams
                    ) -> PreEncoded | types.SemanticTokensDelta | None:
        result = await server.analysed(params.text_document.uri)
        if result is None:
            return None
        previous = f.tokens.get(result.uri)
        usable = previous[1] if previous is not None and \
            previous[0] == params.previous_result_id else None
        data, data_json, changes = await server.in_executor(delta_of, result, usable)
        result_id = remember(result.uri, data)
        if changes is None:
            return tokens_json(data_json, result_id)
        return convert.tokens_delta(result_id, changes)

    def in_range_of(result: Analysed, rng: types.Range) -> str:
        from ..ide.semantic_tokens import encode, semantic_tokens

        start, end = convert.byte_range(result.lines, rng)
        found = semantic_tokens(result.analysis, start, end)
        ints = encode(found, result.analysis.data, result.lines.encoding)
        return json.dumps(ints, separators=(",", ":"))

    @server.request(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, legend)
    async def in_range(params: types.SemanticTokensRangeParams) -> PreEncoded | None:
        found = await f.answer(params.text_document.uri,
                               lambda r: in_range_of(r, params.range))
        return None if found is None else tokens_json(found)

    def forget(doc: Document) -> None:
        f.tokens.pop(doc.uri, None)

    server.on_document_closed.append(forget)
