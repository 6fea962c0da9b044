"""The one module that turns byte offsets and core results into LSP types, and back.

Everything below the server works in UTF-8 byte offsets (``model.Span``) over one version
of a document's bytes; the client works in (line, character) positions in the negotiated
encoding. Conversions always use the ``Lines`` of the text the result was computed from.
Diagnostics carry their code (documented in ``docs/diagnostics.md``), related locations,
the ``unnecessary`` tag for FLX105 and the registry's severity; a diagnostic's hint is
appended to its message.
The results of the editor features (``flux_ls.ide``: small dataclasses in bytes) are
converted here too, one function per result type, so handlers stay a few lines long.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..ide.plaintext import plain_text
from .positions import Lines

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..fmt import RangeEdit
    from ..ide import callhierarchy as calls
    from ..ide import code_actions as acts
    from ..ide import code_lens as lenses
    from ..ide import completion as comp
    from ..ide import folding as fold
    from ..ide import hover as hov
    from ..ide import implementation as impl
    from ..ide import inlay_hints as hints
    from ..ide import navigation as nav
    from ..ide import rename as ren
    from ..ide import signature_help as sig
    from ..ide import symbols as syms
    from ..ide.semantic_tokens import TokensEdit
    from ..model import Span

SOURCE = "flux"
SEVERITY = {"error": types.DiagnosticSeverity.Error,
            "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
UNNECESSARY_CODES = frozenset({"FLX105"})  # unused declarations: clients fade them out


# -- positions and ranges -------------------------------------------------------------------

def offset(lines: Lines, position: types.Position) -> int:
    return lines.offset(position.line, position.character)


def position(lines: Lines, byte: int) -> types.Position:
    line, character = lines.position(byte)
    return types.Position(line=line, character=character)


def range_(lines: Lines, start: int, end: int) -> types.Range:
    return types.Range(start=position(lines, start), end=position(lines, max(start, end)))


def span_range(lines: Lines, span: Span) -> types.Range:
    return range_(lines, span.start, span.end)


def range_json(lines: Lines, start: int, end: int) -> dict[str, dict[str, int]]:
    """``range_`` as the JSON LSP defines, for what is sent without lsprotocol objects."""
    line, character = lines.position(start)
    end_line, end_character = lines.position(max(start, end))
    return {"start": {"line": line, "character": character},
            "end": {"line": end_line, "character": end_character}}


def byte_range(lines: Lines, rng: types.Range) -> tuple[int, int]:
    start = offset(lines, rng.start)
    return start, max(start, offset(lines, rng.end))


# -- diagnostics ----------------------------------------------------------------------------

def _diagnostic(uri: str, lines: Lines, d: Diagnostic) -> dict[str, object]:
    """One diagnostic as the JSON object LSP defines (camelCase keys, absent fields left
    out), built directly: the server sends these without lsprotocol objects."""
    item: dict[str, object] = {
        "range": range_json(lines, d.span.start, d.span.end),
        "message": d.message if d.hint is None else f"{d.message}\nhint: {d.hint}",
        "severity": int(SEVERITY.get(d.severity, types.DiagnosticSeverity.Error)),
        "code": d.code}
    item["source"] = SOURCE
    if d.code in UNNECESSARY_CODES:
        item["tags"] = [int(types.DiagnosticTag.Unnecessary)]
    if d.related:
        item["relatedInformation"] = [
            {"location": {"uri": uri, "range": range_json(lines, r.span.start, r.span.end)},
             "message": r.message}
            for r in d.related]
    return item


def diagnostics_json(uri: str, lines: Lines, found: Iterable[Diagnostic]) -> str:
    """The diagnostics as a JSON array, what every push, pull and workspace report sends:
    a keystroke in a 10,000-line file publishes ~100 diagnostics with ~300 related
    locations, and making lsprotocol objects of them (validated on creation, then
    unstructured by cattrs) cost about 8 ms of it."""
    return json.dumps([_diagnostic(uri, lines, d) for d in found])


def diagnostics(uri: str, lines: Lines, found: Iterable[Diagnostic]) -> list[types.Diagnostic]:
    """The same diagnostics as lsprotocol objects (code actions attach them), read from the
    same JSON objects, so the two can never differ."""
    items = [_diagnostic(uri, lines, d) for d in found]
    return _converter().structure(items, list[types.Diagnostic])  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _converter() -> Any:
    from lsprotocol.converters import get_converter

    return get_converter()


def result_id(items_json: str) -> str:
    """A content hash of diagnostics as JSON: equal diagnostics give equal ids, so a pull
    can answer 'unchanged'."""
    return hashlib.blake2b(items_json.encode("utf-8", "surrogatepass"),
                           digest_size=10).hexdigest()


# -- edits ----------------------------------------------------------------------------------

def text_edits(lines: Lines, edits: Iterable[RangeEdit | ren.TextEdit | acts.TextEdit]
               ) -> list[types.TextEdit]:
    return [types.TextEdit(range=range_(lines, e.start, e.end), new_text=e.new_text)
            for e in edits]


def replace_all(lines: Lines, new_text: str) -> list[types.TextEdit]:
    """Edits turning the document into ``new_text``: the one replacement between the common
    prefix and suffix (cursors and marks outside it stay put); none when nothing changes."""
    from .documents import diff_edit

    old, new = lines.data, new_text.encode("utf-8", "surrogatepass")
    if new == old:
        return []
    start, end, _ = diff_edit(old, new)
    while 0 < start < len(old) and old[start] & 0xC0 == 0x80:  # not inside a character
        start -= 1
    while end < len(old) and old[end] & 0xC0 == 0x80:
        end += 1
    if 0 < start < len(old) and old[start - 1:start + 1] == b"\r\n":  # not inside a CRLF
        start -= 1
    if 0 < end < len(old) and old[end - 1:end + 1] == b"\r\n":
        end += 1
    replacement = new[start:len(new) - (len(old) - end)]
    return [types.TextEdit(range=range_(lines, start, end),
                           new_text=replacement.decode("utf-8", "surrogatepass"))]


# -- the flow graph ------------------------------------------------------------------------

_RANGE_KEYS = ("declaration", "use", "range", "origin")


def graph_ranges(value: Any, lines: Lines) -> Any:
    """A copy of a ``graph_render.graph_json`` value with every RANGE (byte offsets and
    1-based columns in code points) replaced by an LSP range in the negotiated encoding."""
    if isinstance(value, list):
        return [graph_ranges(item, lines) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in _RANGE_KEYS and isinstance(item, dict) and "start" in item and "end" in item:
            out[key] = range_json(lines, int(item["start"]), int(item["end"]))
        else:
            out[key] = graph_ranges(item, lines)
    return out


# -- editor features (flux_ls.ide results) -------------------------------------------------

def markup(text: str, markdown: bool = True) -> types.MarkupContent:
    """Markdown ``text`` as Markdown, or rendered as real plain text (``ide.plaintext``) for a
    client that takes none."""
    if markdown:
        return types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
    return types.MarkupContent(kind=types.MarkupKind.PlainText, value=plain_text(text))


def c_locations(found: Iterable[impl.CDefinition], encoding: str) -> list[types.Location]:
    """Locations of C definitions (``ide.implementation``) in files on disk; the column is
    counted in the client's ``encoding`` from the text before the name."""
    out = []
    for d in found:
        if encoding == "utf-8":
            column = len(d.prefix.encode("utf-8"))
        elif encoding == "utf-16":
            column = len(d.prefix.encode("utf-16-le")) // 2
        else:
            column = len(d.prefix)
        out.append(types.Location(uri=Path(d.path).as_uri(), range=types.Range(
            start=types.Position(line=d.line, character=column),
            end=types.Position(line=d.line, character=column + len(d.name)))))
    return out


def locations(uri: str, lines: Lines, found: Iterable[nav.Location]) -> list[types.Location]:
    """Locations in the document the result was computed from (Flux resolves within a file)."""
    return [types.Location(uri=uri, range=range_(lines, f.start, f.end)) for f in found]


_HIGHLIGHTS = {"read": types.DocumentHighlightKind.Read,
               "write": types.DocumentHighlightKind.Write,
               "text": types.DocumentHighlightKind.Text}


def highlights(lines: Lines, found: Iterable[nav.Highlight]) -> list[types.DocumentHighlight]:
    return [types.DocumentHighlight(range=range_(lines, h.start, h.end),
                                    kind=_HIGHLIGHTS.get(h.kind, types.DocumentHighlightKind.Text))
            for h in found]


def hover(lines: Lines, found: hov.Hover, markdown: bool = True) -> types.Hover:
    return types.Hover(contents=markup(found.markdown, markdown),
                       range=range_(lines, found.start, found.end))


def prepare_rename(lines: Lines, found: ren.RenameRange) -> types.PrepareRenamePlaceholder:
    return types.PrepareRenamePlaceholder(range=range_(lines, found.start, found.end),
                                          placeholder=found.placeholder)


def rename_edit(uri: str, lines: Lines, found: ren.RenameEdits, version: int | None,
                annotate: bool) -> types.WorkspaceEdit:
    """The rename as a workspace edit; a warning becomes a change annotation that needs the
    user's confirmation (when the client supports annotations)."""
    if found.warning is None or not annotate:
        return types.WorkspaceEdit(changes={uri: text_edits(lines, found.edits)})
    edits: list[types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit] = [
        types.AnnotatedTextEdit(annotation_id="flux.rename", range=range_(lines, e.start, e.end),
                                new_text=e.new_text) for e in found.edits]
    return types.WorkspaceEdit(
        document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri,
                                                                        version=version),
            edits=edits)],
        change_annotations={"flux.rename": types.ChangeAnnotation(
            label="Rename", needs_confirmation=True, description=found.warning)})


def call_item(uri: str, lines: Lines, item: calls.CallItem) -> types.CallHierarchyItem:
    kind = types.SymbolKind.Module if item.kind == "abstract" else types.SymbolKind.Function
    return types.CallHierarchyItem(
        name=item.name, kind=kind, uri=uri, range=range_(lines, item.start, item.end),
        selection_range=range_(lines, item.selection_start, item.selection_end),
        detail=item.detail, data={"name": item.name})


def incoming_calls(uri: str, lines: Lines, found: Iterable[calls.Call]
                   ) -> list[types.CallHierarchyIncomingCall]:
    return [types.CallHierarchyIncomingCall(
        from_=call_item(uri, lines, c.item),
        from_ranges=[range_(lines, s.start, s.end) for s in c.sites]) for c in found]


def outgoing_calls(uri: str, lines: Lines, found: Iterable[calls.Call]
                   ) -> list[types.CallHierarchyOutgoingCall]:
    return [types.CallHierarchyOutgoingCall(
        to=call_item(uri, lines, c.item),
        from_ranges=[range_(lines, s.start, s.end) for s in c.sites]) for c in found]


def signature_help(found: sig.SignatureHelp, markdown: bool = True) -> types.SignatureHelp:
    return types.SignatureHelp(
        signatures=[types.SignatureInformation(
            label=s.label,
            documentation=markup(s.documentation, markdown) if s.documentation else None,
            parameters=[types.ParameterInformation(
                label=(p.start, p.end),
                documentation=markup(p.documentation, markdown) if p.documentation else None)
                for p in s.parameters]) for s in found.signatures],
        active_signature=found.active_signature, active_parameter=found.active_parameter)


def completion_list(lines: Lines, found: comp.CompletionList, snippets: bool,
                    markdown: bool = True) -> types.CompletionList:
    """Items with their replace range; snippet items only for clients that take snippets."""
    items = []
    for item in found.items:
        if item.is_snippet and not snippets:
            continue
        items.append(types.CompletionItem(
            label=item.label, kind=types.CompletionItemKind[item.kind.lsp_name],
            detail=item.detail,
            documentation=markup(item.documentation, markdown) if item.documentation else None,
            sort_text=item.sort_text or None, filter_text=item.filter_text or None,
            insert_text_format=(types.InsertTextFormat.Snippet if item.is_snippet
                                else types.InsertTextFormat.PlainText),
            text_edit=types.TextEdit(range=range_(lines, item.start, item.end),
                                     new_text=item.insert_text)))
    return types.CompletionList(is_incomplete=found.is_incomplete, items=items)


def document_symbols(lines: Lines, found: Iterable[syms.DocumentSymbol]
                     ) -> list[types.DocumentSymbol]:
    return [types.DocumentSymbol(
        name=s.name, kind=types.SymbolKind[s.kind.lsp_name], detail=s.detail or None,
        range=range_(lines, s.start, s.end),
        selection_range=range_(lines, s.selection_start, s.selection_end),
        children=document_symbols(lines, s.children) if s.children else None) for s in found]


def flat_symbols(uri: str, lines: Lines, found: Iterable[syms.DocumentSymbol],
                 container: str | None = None) -> list[types.SymbolInformation]:
    """Document symbols for clients without hierarchical support."""
    out = []
    for s in found:
        out.append(types.SymbolInformation(
            name=s.name, kind=types.SymbolKind[s.kind.lsp_name], container_name=container,
            location=types.Location(uri=uri, range=range_(lines, s.selection_start,
                                                          s.selection_end))))
        out += flat_symbols(uri, lines, s.children, s.name)
    return out


def workspace_symbols(found: Iterable[syms.WorkspaceSymbol], lines_of: dict[str, Lines]
                      ) -> list[types.SymbolInformation]:
    """Workspace symbols; their ``path`` is the URI the server gave the file."""
    return [types.SymbolInformation(
        name=s.name, kind=types.SymbolKind[s.kind.lsp_name], container_name=s.container,
        location=types.Location(uri=s.path, range=range_(lines_of[s.path], s.start, s.end)))
        for s in found if s.path in lines_of]


def folding_ranges(found: Iterable[fold.FoldingRange]) -> list[types.FoldingRange]:
    return [types.FoldingRange(start_line=f.start_line, end_line=f.end_line, kind=f.kind,
                               collapsed_text=f.collapsed_text) for f in found]


def selection_range(lines: Lines, chain: Sequence[Span]) -> types.SelectionRange:
    """Nested selection ranges from the innermost span of ``chain`` out."""
    current: types.SelectionRange | None = None
    for span in reversed(chain):
        current = types.SelectionRange(range=span_range(lines, span), parent=current)
    return current or types.SelectionRange(range=range_(lines, 0, 0))


def inlay_hints(lines: Lines, found: Iterable[hints.InlayHint], markdown: bool = True
                ) -> list[types.InlayHint]:
    return [types.InlayHint(
        position=position(lines, h.offset), label=h.label,
        kind=types.InlayHintKind.Type if h.kind.value == "type" else None,
        tooltip=markup(h.tooltip, markdown) if h.tooltip else None,
        padding_left=h.padding_left or None, padding_right=h.padding_right or None)
        for h in found]


def code_lens(uri: str, lines: Lines, lens: lenses.CodeLens) -> types.CodeLens:
    """A lens; its arguments name the document by URI, and byte spans become locations."""
    arguments: list[Any] = [uri, *lens.arguments[1:]]
    if len(arguments) == 3 and isinstance(arguments[2], list):
        arguments[2] = [{"uri": uri, "range": range_json(lines, a, b)}
                        for a, b in arguments[2]]
    return types.CodeLens(range=range_(lines, lens.start, lens.end),
                          command=types.Command(title=lens.title, command=lens.command,
                                                arguments=arguments))


def tokens_delta(result_id: str, edits: Iterable[TokensEdit]) -> types.SemanticTokensDelta:
    """The ``full/delta`` answer: edits turning the client's previous array into the new one."""
    return types.SemanticTokensDelta(result_id=result_id, edits=[
        types.SemanticTokensEdit(start=e.start, delete_count=e.delete_count, data=list(e.data))
        for e in edits])


def ide_action(uri: str, lines: Lines, action: acts.CodeAction,
               related: types.Diagnostic | None) -> types.CodeAction:
    edits = text_edits(lines, action.edits)
    return types.CodeAction(title=action.title, kind=action.kind,
                            diagnostics=[related] if related is not None else None,
                            is_preferred=action.is_preferred or None,
                            edit=types.WorkspaceEdit(changes={uri: edits}))
