"""Document symbols (the outline) and workspace symbols (search by name across files).

``document_symbols(analysis) -> list[DocumentSymbol]``: one symbol per declaration, in
source order, so the outline reads like the file and every symbol's range holds its children
and no other top-level symbol (a node's declarations are scattered — signature at the top,
``atomic`` at the bottom — so a symbol per node would span half the file and make the
editor's "follow cursor" useless). Consecutive dispatch alternatives of one node are one
symbol with an alternative per child, and an ``atomic`` declaration has its constraints as
children (a signature's parameters are in its ``detail``). ``start``/``end`` cover the
declaration and its doc comment, ``selection_start``/``selection_end`` the name.

``workspace_symbols(files, query)`` searches ``(path, Analysis)`` pairs for nodes, predicate
types, constraints and the C functions a program names (predicates, handlers, session
functions), by fuzzy subsequence match, best first (exact, prefix, a word's prefix,
initials, substring, then scattered matches; shorter names first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import NamedTuple

from ..analysis import Analysis
from ..model import Atomic, Declaration, FlowDef, Handler, Signature, Source, Span, Typedef
from ..semantics import show_types
from ..syntax.parse import COMMENT_PATTERN
from .index import cached

__all__ = ["DocumentSymbol", "SymbolKind", "WorkspaceSymbol", "document_symbols",
           "fuzzy_score", "workspace_symbols"]


class SymbolKind(Enum):
    """What a symbol is; ``lsp_name`` is the LSP ``SymbolKind`` it maps to."""

    NODE = "node"                     # concrete node
    ABSTRACT_NODE = "abstract node"   # its flow definition or dispatch alternatives
    ALTERNATIVE = "alternative"
    SOURCE = "source"
    PREDICATE_TYPE = "predicate type"
    HANDLER = "handler"
    ATOMIC = "atomic"
    CONSTRAINT = "constraint"
    C_FUNCTION = "C function"         # predicate, handler or session function

    @property
    def lsp_name(self) -> str:
        return _LSP_NAMES[self]


_LSP_NAMES = {
    SymbolKind.NODE: "Function", SymbolKind.ABSTRACT_NODE: "Module",
    SymbolKind.ALTERNATIVE: "EnumMember",
    SymbolKind.SOURCE: "Event", SymbolKind.PREDICATE_TYPE: "TypeParameter",
    SymbolKind.HANDLER: "Method", SymbolKind.ATOMIC: "Namespace",
    SymbolKind.CONSTRAINT: "Key", SymbolKind.C_FUNCTION: "Function",
}


class DocumentSymbol(NamedTuple):
    """A symbol of the outline (a NamedTuple: a 10,000-line file has ~9,000 of them, and a
    frozen dataclass costs three times as much to build)."""

    name: str
    kind: SymbolKind
    detail: str
    start: int                        # the whole declaration (with its doc comment), bytes
    end: int
    selection_start: int              # its name
    selection_end: int
    children: tuple[DocumentSymbol, ...] = ()


class WorkspaceSymbol(NamedTuple):
    name: str
    kind: SymbolKind
    path: str
    start: int                        # the name where it is declared, bytes of that file
    end: int
    container: str                    # "concrete node", "handler of `Read`", …


# --- document symbols -------------------------------------------------------------------

def _with_doc(analysis: Analysis, decl: Declaration) -> tuple[int, int]:
    """The span of a declaration extended to its doc comment (lowering found one when
    ``decl.doc`` is set: the comment right before it)."""
    span = decl.span
    if decl.doc is None:
        return span.start, span.end
    top = analysis.syntax.top
    i = top.index_at(span.start)
    prev = top.nodes[i].prev_named_sibling if i >= 0 and top.ranges[i][1] > span.start else None
    if prev is not None and prev.type == "comment":
        return prev.start_byte, span.end
    return span.start, span.end


_COMMENT = re.compile(COMMENT_PATTERN, re.DOTALL)


def _text(data: bytes, start: int, end: int) -> str:
    """Source text on one line: comments dropped, blanks collapsed."""
    raw = data[start:end]
    if b"/" in raw:
        raw = _COMMENT.sub(b" ", raw)
    return " ".join(raw.decode("utf-8", "replace").split())


def _signature(analysis: Analysis, sig: Signature) -> DocumentSymbol:
    info = analysis.semantics.node(sig.name)
    kind = SymbolKind.ABSTRACT_NODE if info and info.kind == "abstract" else SymbolKind.NODE
    detail = _text(analysis.data, sig.name.span.end, sig.span.end).rstrip(";").strip()
    start, end = _with_doc(analysis, sig)
    return DocumentSymbol(sig.name.text, kind, detail, start, end, sig.name.span.start,
                          sig.name.span.end)


def _flow_detail(flow: FlowDef) -> str:
    return "= " + (" -> ".join(s.text for s in flow.steps) if flow.steps else "(empty)")


def _plain_flow(analysis: Analysis, flow: FlowDef) -> DocumentSymbol:
    info = analysis.semantics.node(flow.name)
    detail = _flow_detail(flow)
    if info is not None and info.signature is None:
        detail += f"   {show_types(info.inputs)} => {show_types(info.outputs)}"
    start, end = _with_doc(analysis, flow)
    return DocumentSymbol(flow.name.text, SymbolKind.ABSTRACT_NODE, detail, start, end,
                          flow.name.span.start, flow.name.span.end)


def _alternatives(analysis: Analysis, group: list[FlowDef]) -> DocumentSymbol:
    children = []
    for alt in group:
        pattern = "[" + ", ".join(str(e) for e in alt.pattern or ()) + "]"
        start, end = _with_doc(analysis, alt)
        first = alt.pattern[0].span.start - 1 if alt.pattern else alt.name.span.start
        last = alt.pattern[-1].span.end + 1 if alt.pattern else alt.name.span.end
        children.append(DocumentSymbol(pattern, SymbolKind.ALTERNATIVE, _flow_detail(alt),
                                       start, end, max(first, start), min(last, end)))
    head = group[0]
    count = f"{len(group)} alternative" + ("s" if len(group) > 1 else "")
    return DocumentSymbol(head.name.text, SymbolKind.ABSTRACT_NODE, f"dispatch, {count}",
                          children[0].start, children[-1].end, head.name.span.start,
                          head.name.span.end, tuple(children))


def _other(analysis: Analysis, decl: Source | Typedef | Handler | Atomic) -> DocumentSymbol:
    start, end = _with_doc(analysis, decl)
    children: tuple[DocumentSymbol, ...] = ()
    if isinstance(decl, Source):
        name, kind, sel = f"source {decl.node}", SymbolKind.SOURCE, decl.node.span
        session = f" {{session: {decl.session}}}" if decl.session else ""
        detail = f"{session} => {decl.target}".strip()
    elif isinstance(decl, Typedef):
        name, kind, sel = decl.type.text, SymbolKind.PREDICATE_TYPE, decl.type.span
        detail = f"predicate {decl.predicate}"
    elif isinstance(decl, Handler):
        name, kind, sel = f"handle error {decl.node}", SymbolKind.HANDLER, decl.node.span
        detail = f"=> {decl.function}"
    else:
        name, kind, sel = f"atomic {decl.node}", SymbolKind.ATOMIC, decl.node.span
        detail = "{" + ", ".join(str(c) for c in decl.constraints) + "}"
        children = tuple(
            DocumentSymbol(c.name.text, SymbolKind.CONSTRAINT,
                           ("reader" if c.mode == "read" else "writer") + f", {c.scope}",
                           c.span.start, c.span.end, c.name.span.start, c.name.span.end)
            for c in decl.constraints)
    return DocumentSymbol(name, kind, detail, start, end, sel.start, sel.end, children)


def document_symbols(analysis: Analysis) -> list[DocumentSymbol]:
    """The outline of one file, in source order."""
    out: list[DocumentSymbol] = []
    group: list[FlowDef] = []

    def flush() -> None:
        if group:
            out.append(_alternatives(analysis, group))
            group.clear()

    for decl in analysis.program.declarations:
        if isinstance(decl, FlowDef) and decl.pattern is not None:
            if group and group[0].name.text != decl.name.text:
                flush()
            group.append(decl)
            continue
        flush()
        out.append(_declaration(analysis, decl))
    flush()
    return out


def _declaration(analysis: Analysis, decl: Declaration) -> DocumentSymbol:
    if isinstance(decl, Signature):
        return _signature(analysis, decl)
    if isinstance(decl, FlowDef):
        return _plain_flow(analysis, decl)
    return _other(analysis, decl)


# --- workspace symbols ------------------------------------------------------------------

def _file_symbols(path: str, analysis: Analysis) -> list[WorkspaceSymbol]:
    return cached(analysis, f"ide.symbols.workspace:{path}", list,
                  lambda: _read_file_symbols(path, analysis))


def _read_file_symbols(path: str, analysis: Analysis) -> list[WorkspaceSymbol]:
    sem = analysis.semantics
    out: list[WorkspaceSymbol] = []

    def add(name: str, kind: SymbolKind, span: Span, container: str) -> None:
        out.append(WorkspaceSymbol(name, kind, path, span.start, span.end, container))

    for name, info in sem.nodes.items():
        kind = SymbolKind.ABSTRACT_NODE if info.kind == "abstract" else SymbolKind.NODE
        add(name, kind, info.name_span, f"{info.kind} node")
    for name, typedef in sem.typedefs.items():
        add(name, SymbolKind.PREDICATE_TYPE, typedef.type.span,
            f"predicate type, decided by `{typedef.predicate}`")
        add(typedef.predicate.text, SymbolKind.C_FUNCTION, typedef.predicate.span,
            f"predicate of `{name}`")
    for handler in analysis.program.handlers:
        add(handler.function.text, SymbolKind.C_FUNCTION, handler.function.span,
            f"handler of `{handler.node}`")
    for source in analysis.program.sources:
        if source.session is not None:
            add(source.session.text, SymbolKind.C_FUNCTION, source.session.span,
                f"session function of `{source.node}`")
    seen: set[str] = set()
    for atomic in analysis.program.atomics:
        for c in atomic.constraints:
            if c.name.text not in seen:
                seen.add(c.name.text)
                add(c.name.text, SymbolKind.CONSTRAINT, c.name.span, f"{c.scope} constraint")
    return out


def fuzzy_score(query: str, name: str) -> tuple[int, int, int] | None:
    """How well ``name`` matches ``query`` (lower is better), or None when the query's
    characters are not a subsequence of the name (ignoring case)."""
    if not query:
        return (0, 0, len(name))
    lowered, q = name.lower(), query.lower()
    if name == query:
        return (0, 0, len(name))
    if lowered == q:
        return (1, 0, len(name))
    if name.startswith(query):
        return (2, 0, len(name))
    if lowered.startswith(q):
        return (3, 0, len(name))
    starts = [i for i, ch in enumerate(name) if i == 0 or ch.isupper() and not name[i - 1]
              .isupper() or name[i - 1] == "_"]
    if any(lowered.startswith(q, i) for i in starts):
        return (4, 0, len(name))
    if _match_at(lowered, q, starts):
        return (5, 0, len(name))
    if q in lowered:
        return (6, lowered.index(q), len(name))
    gaps, pos = 0, -1
    for ch in q:
        nxt = lowered.find(ch, pos + 1)
        if nxt < 0:
            return None
        gaps += nxt - pos - 1
        pos = nxt
    return (7, gaps, len(name))


def _match_at(name: str, query: str, starts: list[int]) -> bool:
    """Whether the query is a run of prefixes of the words of ``name`` (``ReqW`` and
    ``rrw`` in ``ReadRequestWrite``)."""
    memo: dict[tuple[int, int], bool] = {}

    def go(qi: int, word: int) -> bool:
        if qi == len(query):
            return True
        if (qi, word) not in memo:
            memo[qi, word] = any(go(qi + k, w + 1) for w in range(word, len(starts))
                                 for k in range(1, _common(name, starts, w, query, qi) + 1))
        return memo[qi, word]

    return go(0, 0)


def _common(name: str, starts: list[int], w: int, query: str, qi: int) -> int:
    """Length of the common prefix of word ``w`` of ``name`` and ``query[qi:]``."""
    end = starts[w + 1] if w + 1 < len(starts) else len(name)
    k = 0
    while starts[w] + k < end and qi + k < len(query) and name[starts[w] + k] == query[qi + k]:
        k += 1
    return k


def workspace_symbols(files: Iterable[tuple[str, Analysis]], query: str,
                      limit: int | None = 500) -> list[WorkspaceSymbol]:
    """Symbols of every file matching ``query``, best match first (at most ``limit``)."""
    scored = []
    pattern = re.compile(".*?".join(map(re.escape, query)), re.IGNORECASE)
    for path, analysis in files:
        for symbol in _file_symbols(path, analysis):
            if query and not pattern.search(symbol.name):
                continue
            score = fuzzy_score(query, symbol.name)
            if score is not None:
                scored.append((score, symbol.name, symbol.path, symbol.start, symbol))
    scored.sort(key=lambda t: t[:4])
    symbols = [t[-1] for t in scored]
    return symbols if limit is None else symbols[:limit]
