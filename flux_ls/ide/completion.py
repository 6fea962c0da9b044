"""Completion: what may be written at a byte offset, ranked for the programmer.

``complete(analysis, offset) -> CompletionList``. The declaration around the cursor is
found in the tree-sitter tree (the top-level node that contains or precedes the offset, so
half-typed, broken text works: an unfinished declaration is an ERROR node there); its tokens
up to the cursor — the grammar's own, the leaves of the tree (``syntax.tokens``) — decide the
context, and the keywords offered are those the parse table accepts after the last of them
(``syntax.tokens.keywords_expected``):

========================  ================================================================
context                   items
========================  ================================================================
top level                 keywords and a snippet for every declaration form (LSP snippet
                          syntax: ``$1``, ``${2:name}``)
flow step (after ``=``    node names, ranked by type fit: first those whose inputs match
or ``->``)                the previous step's outputs (and whose outputs match the next
                          step's inputs), then those where a side is unknown, then the rest
pattern ``[…]``           ``_``, ``*`` and predicate types (those already applied to fields
                          of the same C type first: another type would be FLX209)
atomic set ``{…}``        constraint names with their modes (``c``, ``c?``, ``c!``) and, for
                          session-scoped names, ``(session)``; after ``c(``: the scopes
parameter list            C types (the primitive types and the type names the file uses);
                          after a complete type: parameter names used with that type
``source``/``handle``/…   node names (sources: nodes without inputs first; targets: nodes
                          whose inputs match the source's outputs first), ``error``,
                          ``session``
========================  ================================================================

Every item carries its replace range (``start``/``end`` bytes: the identifier being typed,
also the part after the cursor). With a prefix, items are filtered by case-insensitive
subsequence match and the list is cut at ``limit`` (``is_incomplete`` then says so).
Nothing is offered inside comments.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from .. import ctypes
from ..analysis import Analysis
from ..semantics import NodeInfo, Types, show_types, types_match
from ..syntax.expected import c_type_words
from ..syntax.parse import SyntaxTree, TopLevel
from ..syntax.tokens import in_comment, keywords_expected, tokens_from
from .index import cached

__all__ = ["CompletionItem", "CompletionKind", "CompletionList", "complete",
           "node_signature", "PRIMITIVE_TYPES"]

_TAGS = ctypes.TAGS
_QUALIFIERS = ctypes.QUALIFIERS
#: C's own type names: the grammar's type words (``syntax.expected.c_type_words``) that are
#: neither tags nor qualifiers.
PRIMITIVE_TYPES = tuple(w for w in c_type_words() if w not in _TAGS and w not in _QUALIFIERS)
#: After these words a C type is not finished yet.
_TYPE_PREFIXES = frozenset({*_TAGS, *_QUALIFIERS, "unsigned", "signed", "long", "short"})


class CompletionKind(Enum):
    """What an item is. ``lsp_name`` is the LSP ``CompletionItemKind`` it maps to."""

    KEYWORD = "keyword"
    SNIPPET = "snippet"
    NODE = "node"                       # a concrete node
    ABSTRACT_NODE = "abstract node"
    PREDICATE_TYPE = "predicate type"
    WILDCARD = "wildcard"
    CONSTRAINT = "constraint"
    SCOPE = "scope"
    C_TYPE = "C type"
    PARAMETER = "parameter"

    @property
    def lsp_name(self) -> str:
        return _LSP_NAMES[self]


_LSP_NAMES = {
    CompletionKind.KEYWORD: "Keyword", CompletionKind.SNIPPET: "Snippet",
    CompletionKind.NODE: "Function", CompletionKind.ABSTRACT_NODE: "Module",
    CompletionKind.PREDICATE_TYPE: "TypeParameter", CompletionKind.WILDCARD: "Constant",
    CompletionKind.CONSTRAINT: "Constant", CompletionKind.SCOPE: "EnumMember",
    CompletionKind.C_TYPE: "Struct", CompletionKind.PARAMETER: "Variable",
}


@dataclass(frozen=True)
class CompletionItem:
    label: str
    kind: CompletionKind
    start: int                          # replace range: UTF-8 bytes of ``analysis.data``
    end: int
    insert_text: str
    is_snippet: bool = False
    detail: str | None = None           # a node's signature, a constraint's uses, …
    documentation: str | None = None    # markdown
    sort_text: str = ""                 # clients sort by this, not by label
    filter_text: str = ""               # clients match what is typed against this


@dataclass(frozen=True)
class CompletionList:
    items: tuple[CompletionItem, ...]
    is_incomplete: bool = False         # cut at ``limit``: ask again as the prefix grows


def node_signature(info: NodeInfo) -> str:
    """``N (int a) => (int b);`` as declared, or the inferred types of an abstract node."""
    if info.signature is not None and not info.signature.incomplete:
        return str(info.signature)
    suffix = "  (inferred)" if info.inferred else ""
    return f"{info.name} {show_types(info.inputs)} => {show_types(info.outputs)};{suffix}"


# --- tokens of the declaration before the cursor -------------------------------------------

_WORD = re.compile(rb"[A-Za-z0-9_]*")  # the characters of the name being typed

@dataclass
class _Tokens:
    words: list[str] = field(default_factory=list)
    in_comment: bool = False
    newline_before_cursor: bool = False   # a line break between the last token and the cursor


def _before(syntax: SyntaxTree, start: int, end: int) -> _Tokens:
    """The grammar's tokens of the text from ``start`` up to ``end`` (after the last `;`)."""
    out = _Tokens(in_comment=in_comment(syntax, end))
    last_end = start
    for token in tokens_from(syntax, start):
        if token.end > end:
            break
        out.words.append(token.text)
        last_end = token.end
    gap = syntax.data[last_end:end]
    out.newline_before_cursor = b"\n" in gap or b"\r" in gap
    if ";" in out.words:
        del out.words[:len(out.words) - out.words[::-1].index(";")]
    return out


def _declaration_start(top: TopLevel, data: bytes, offset: int) -> int:
    """Start of the top-level declaration (maybe broken) the cursor is in or right after:
    of the top-level node (declaration, ERROR or comment) holding the last non-blank byte
    before ``offset``, or of the node before the comments that end before ``offset``; 0 at
    the start of the file."""
    i = max(0, min(offset, len(data)))
    while i > 0 and data[i - 1] in b" \t\r\n\f\v":
        i -= 1
    index = top.index_at(i - 1) if i > 0 else -1
    if index < 0 or top.ranges[index][1] < i:
        return 0
    while index >= 0 and top.nodes[index].type == "comment" and top.ranges[index][1] < offset:
        index -= 1
    return top.ranges[index][0] if index >= 0 else 0


def _next_words(syntax: SyntaxTree, start: int, count: int) -> list[str]:
    out: list[str] = []
    for token in tokens_from(syntax, start):
        if token.start < start:
            continue
        out.append(token.text)
        if len(out) >= count or token.text == ";":
            break
    return out


# --- the completer ---------------------------------------------------------------------------

def _is_name(word: str) -> bool:
    return bool(word) and (word[0].isalpha() or word[0] == "_") and word.isascii()


def _matcher(prefix: str) -> Callable[[str], object]:
    """A test of whether a label contains the prefix's characters in order (any case)."""
    if not prefix:
        return lambda label: True
    return re.compile(".*?".join(map(re.escape, prefix)), re.IGNORECASE).search


class _Completer:
    def __init__(self, analysis: Analysis, offset: int, limit: int) -> None:
        self.a = analysis
        self.limit = limit
        self.truncated = False
        self.sem = analysis.semantics
        data = analysis.data
        self.offset = max(0, min(offset, len(data)))
        start = self.offset
        while start > 0 and _WORD.fullmatch(data[start - 1:start]) and data[start - 1] < 128:
            start -= 1
        end = self.offset
        m = _WORD.match(data, end)
        end = m.end() if m else end
        self.start, self.end = start, end
        self.prefix = data[start:self.offset].decode("ascii", "replace")
        self.items: list[CompletionItem] = []

    def item(self, label: str, kind: CompletionKind, rank: int, insert: str | None = None,
             detail: str | None = None, doc: str | None = None, snippet: bool = False,
             filter_text: str | None = None) -> None:
        self.items.append(CompletionItem(
            label, kind, self.start, self.end, label if insert is None else insert, snippet,
            detail, doc, f"{rank:02d}{label.lower()}", filter_text or label))

    def run(self) -> None:
        data = self.a.data
        syntax = self.a.syntax
        toks = _before(syntax, _declaration_start(syntax.top, data, self.start), self.start)
        if toks.in_comment:
            return
        words = toks.words
        before = len(self.items)
        self.keywords()
        self.context(words)
        if len(self.items) == before and words and toks.newline_before_cursor and (
                _is_name(words[-1]) or words[-1] in (")", "]", "}")):
            self.top_level()   # an unfinished declaration above; a new one starts here

    def context(self, w: list[str]) -> None:
        if not w:
            self.top_level()
        elif w[0] == "source":
            self.source(w)
        elif w[0] == "handle":
            if w[1:] == ["error"]:
                self.nodes(rank=lambda info: 0 if info.handler is None else 1)
        elif w[0] == "atomic":
            self.atomic(w)
        elif w[0] != "typedef" and _is_name(w[0]):
            self.node_declaration(w)

    def keywords(self) -> None:
        """The keywords the grammar's parse table accepts here (``error`` after ``handle``,
        ``session`` in a source's braces, a constraint's scopes)."""
        found = keywords_expected(self.a.syntax, self.start)
        for word in found:
            if "program" in found:   # after `c(`: a constraint's scope
                self.item(word, CompletionKind.SCOPE, 0, detail=f"{word}-scoped constraint")
            elif word == "session":
                self.item("session", CompletionKind.KEYWORD, 0, "session: ",
                          detail="session function: uint64_t F(T_in *in)")
            else:
                self.item(word, CompletionKind.KEYWORD, 0)

    # top level
    def top_level(self) -> None:
        for label, insert in (("source", "source "), ("typedef", "typedef "),
                              ("handle error", "handle error "), ("atomic", "atomic ")):
            self.item(label, CompletionKind.KEYWORD, 1, insert)
        for what, body, doc in _SNIPPETS:
            self.item(_plain(body), CompletionKind.SNIPPET, 2, body, what, doc, snippet=True,
                      filter_text=what)
        if self.prefix:
            self.nodes(rank=lambda info: 3)

    # flows
    def node_declaration(self, w: list[str]) -> None:
        depth = 0
        for word in w:
            depth += {"(": 1, ")": -1}.get(word, 0)
        if depth > 0:
            self.parameter(w)
            return
        if "[" in w and "]" not in w[w.index("["):]:
            self.pattern(w)
        elif "=" in w and w[-1] in ("=", "->"):
            self.flow_step(w)

    def flow_step(self, w: list[str]) -> None:
        eq = len(w) - 1 - w[::-1].index("=")
        head = w[0] if eq < 1 or w[eq - 1] == "]" else w[eq - 1]
        defined = self.sem.node(head) if _is_name(head) else None
        if w[-1] == "->" and _is_name(w[-2]):
            prev = self.sem.node(w[-2])
            want_in = prev.outputs if prev is not None else None
        else:
            want_in = _declared_inputs(defined)
        nxt = _next_words(self.a.syntax, self.end, 2)
        if nxt[:1] == ["->"] and len(nxt) > 1 and _is_name(nxt[1]):
            after = self.sem.node(nxt[1])
            want_out = after.inputs if after is not None else None
        else:
            want_out = _declared_outputs(defined) if nxt[:1] in ([";"], []) else None
        self.nodes(rank=lambda info: _fit(info.inputs, want_in) + _fit(info.outputs, want_out),
                   exclude=head)

    def nodes(self, rank: Callable[[NodeInfo], int], exclude: str | None = None) -> None:
        """Node names matching the prefix; only the best ``limit`` become items (a large
        program has thousands of nodes, and building an item costs more than ranking)."""
        matches = _matcher(self.prefix)
        ranked = sorted(((rank(info), name.lower(), name, info)
                         for name, info in self.sem.nodes.items()
                         if name != exclude and matches(name)), key=lambda r: r[:3])
        if len(ranked) > self.limit:
            self.truncated = True
        for score, _, _, info in ranked[:self.limit]:
            kind = CompletionKind.ABSTRACT_NODE if info.kind == "abstract" else CompletionKind.NODE
            doc = f"{info.kind} node" + (f"\n\n{info.doc}" if info.doc else "")
            self.item(info.name, kind, score, detail=node_signature(info), doc=doc)

    def pattern(self, w: list[str]) -> None:
        if w[-1] not in ("[", ","):
            return
        index = w[w.index("["):].count(",")
        info = self.sem.node(w[0])
        field_type = None
        if info is not None and info.inputs is not None and index < len(info.inputs):
            field_type = info.inputs[index]
        self.item("_", CompletionKind.WILDCARD, 1, detail="wildcard: matches any value")
        self.item("*", CompletionKind.WILDCARD, 9, detail="wildcard (written `_` by flux fmt)")
        applied = _predicate_field_types(self.a)
        for name, typedef in self.sem.typedefs.items():
            used = applied.get(typedef.predicate.text)
            tier = 0 if field_type is None or used is None or used == field_type else 5
            c_type = used or field_type or "T"
            doc = typedef.doc or ""
            if tier and used is not None:
                doc += f"\n\n`{typedef.predicate}` already tests `{used}` fields (FLX209)"
            self.item(name, CompletionKind.PREDICATE_TYPE, tier, detail=(
                f"typedef {name} {typedef.predicate};  // bool {typedef.predicate}({c_type} v)"),
                doc=doc.strip() or None)

    # parameter lists
    def parameter(self, w: list[str]) -> None:
        opened = len(w) - 1 - w[::-1].index("(")
        part = w[opened + 1:]
        if "," in part:
            part = part[len(part) - part[::-1].index(","):]
        if not part or part[-1] in _TYPE_PREFIXES:
            self.c_types(tag=part[-1] if part and part[-1] in _TAGS else None)
        elif part[-1] == "*" or (_is_name(part[-1]) and len(part) >= 1):
            self.parameter_names(" ".join(part))

    def c_types(self, tag: str | None) -> None:
        used = _file_types(self.a).words
        if tag is not None:
            for name, count in used.items():
                if name.startswith(tag + " "):
                    self.item(name.split()[1], CompletionKind.C_TYPE, 0, detail=name,
                              doc=f"used {count} time(s) in this file")
            return
        for name, count in used.items():
            if " " not in name:
                self.item(name, CompletionKind.C_TYPE, 0, detail="type name used in this file",
                          doc=f"used {count} time(s) in this file")
        for name in PRIMITIVE_TYPES:
            if name not in used:
                self.item(name, CompletionKind.C_TYPE, 1, detail="C type")
        for word in (*_QUALIFIERS, *_TAGS):
            self.item(word, CompletionKind.KEYWORD, 2, word + " ")

    def parameter_names(self, type_text: str) -> None:
        canonical = ctypes.canonical(type_text)
        if canonical is None:
            return
        names = _file_types(self.a).names.get(canonical, Counter())
        for name, count in names.most_common(self.limit):
            self.item(name, CompletionKind.PARAMETER, 0, detail=f"{canonical} {name}",
                      doc=f"named so {count} time(s) in this file")

    # source, atomic
    def source(self, w: list[str]) -> None:
        if len(w) == 1:
            self.nodes(rank=lambda info: 0 if info.inputs == () else 2)
        elif w[-1] == "=>" and _is_name(w[1]):
            src = self.sem.node(w[1])
            out = src.outputs if src is not None else None
            self.nodes(rank=lambda info: _fit(info.inputs, out), exclude=w[1])

    def atomic(self, w: list[str]) -> None:
        if len(w) == 1:
            self.nodes(rank=lambda info: 0 if not info.atomics else 1)
            return
        if "{" not in w or "}" in w:
            return
        if w[-1] in ("{", ","):
            present = set(w[w.index("{"):])
            self.constraints(present)

    def constraints(self, present: set[str]) -> None:
        users: dict[str, list[str]] = {}
        for atomic in self.a.program.atomics:
            for c in atomic.constraints:
                users.setdefault(c.name.text, []).append(
                    atomic.node.text + ("?" if c.mode == "read" else ""))
        for name, nodes in users.items():
            if name in present:
                continue
            scope = self.sem.constraint_scopes.get(name, "program")
            suffix = "(session)" if scope == "session" else ""
            doc = f"{scope}-scoped; taken by " + ", ".join(f"`{n}`" for n in nodes)
            for mode, label, rank in (("writer", name, 0), ("reader", name + "?", 1),
                                      ("writer (explicit)", name + "!", 3)):
                self.item(label + suffix, CompletionKind.CONSTRAINT, rank,
                          detail=f"{mode}, {scope} scope", doc=doc)

    def result(self) -> CompletionList:
        items = sorted(self.items, key=lambda i: i.sort_text)
        if self.prefix:
            matches = _matcher(self.prefix)
            items = [i for i in items if matches(i.filter_text)]
        limit = self.limit
        return CompletionList(tuple(items[:limit]), self.truncated or len(items) > limit)


def _fit(got: Types, want: Types) -> int:
    """0: both known and equal; 1: something unknown; 4: a mismatch."""
    if got is None or want is None or any(t is None for t in (*got, *want)):
        return 1 if types_match(got, want) else 4
    return 0 if got == want else 4


def _declared_inputs(info: NodeInfo | None) -> Types:
    if info is None or (info.signature is None and not info.flows):
        return None
    return info.inputs


def _declared_outputs(info: NodeInfo | None) -> Types:
    if info is None or info.signature is None:
        return None   # inferred outputs come from this very flow
    return info.outputs


def _predicate_field_types(analysis: Analysis) -> dict[str, str]:
    """Predicate function → the C type of the first field it is applied to."""
    out: dict[str, str] = {}
    sem = analysis.semantics
    for flow in analysis.program.flows:
        info = sem.node(flow.name)
        if flow.pattern is None or info is None or info.inputs is None:
            continue
        for index, element in enumerate(flow.pattern):
            typedef = sem.typedefs.get(element.name.text) if element.name else None
            if typedef is not None and index < len(info.inputs):
                field_type = info.inputs[index]
                if field_type is not None:
                    out.setdefault(typedef.predicate.text, field_type)
    return out


@dataclass(frozen=True)
class _FileTypes:
    words: Counter[str]                  # type names that are not C keywords, with counts
    names: dict[str, Counter[str]]       # canonical type → parameter names given to it


def _file_types(analysis: Analysis) -> _FileTypes:
    """The C types of the file's signatures (``image_tag``, ``struct stat``) and the
    parameter names used with each, computed once per analysis."""
    return cached(analysis, "ide.completion.types", _FileTypes, lambda: _read_types(analysis))


def _read_types(analysis: Analysis) -> _FileTypes:
    known = {*PRIMITIVE_TYPES, *_QUALIFIERS}
    params = [p for sig in analysis.program.signatures for p in (*sig.inputs, *sig.outputs)]
    out = _FileTypes(Counter(), {})
    for (canonical, name), count in Counter(
            (p.type.canonical, p.name.text) for p in params).items():
        if canonical is not None:
            out.names.setdefault(canonical, Counter())[name] += count
    for text, count in Counter(p.type.text for p in params).items():
        words = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)
        for i, word in enumerate(words):
            if word in _TAGS and i + 1 < len(words):
                out.words[f"{word} {words[i + 1]}"] += count
            elif word not in known and word not in _TAGS and (
                    i == 0 or words[i - 1] not in _TAGS):
                out.words[word] += count
    return out


def _plain(snippet: str) -> str:
    """A snippet as it reads once its placeholders are filled with their defaults."""
    return re.sub(r"\$\{\d+:([^}]*)\}|\$\d+", lambda m: m.group(1) or "", snippet)


_SNIPPETS: tuple[tuple[str, str, str], ...] = (
    ("signature", "${1:Node} (${2:int fd}) => (${3:int fd});$0",
     "A node signature: its inputs and outputs. Without a flow definition the node is "
     "concrete: `int Node(Node_in *in, Node_out *out)` in C."),
    ("flow", "${1:Flow} = ${2:First} -> ${3:Second};$0",
     "An abstract node defined as a flow of nodes."),
    ("dispatch", "${1:Node}:[${2:_}] = ${3:Step};$0",
     "One dispatch alternative: a pattern of `_` and predicate types, one per input. "
     "Alternatives are tried in source order; the first match wins."),
    ("source", "source ${1:Listen} => ${2:Flow};$0",
     "A source: the runtime calls the node in a loop; each output starts a flow."),
    ("session source", "source ${1:Listen} {session: ${2:SessionOf}} => ${3:Flow};$0",
     "A source whose flows belong to sessions: `uint64_t SessionOf(Flow_in *in)` in C."),
    ("typedef", "typedef ${1:type} ${2:Predicate};$0",
     "A predicate type for dispatch patterns, decided by `bool Predicate(T v)` in C."),
    ("handle error", "handle error ${1:Node} => ${2:OnError};$0",
     "An error handler: `void OnError(Node_in *in, int err)` in C."),
    ("atomic", "atomic ${1:Node}:{${2:lock}};$0",
     "Atomicity constraints: `c` writer, `c?` reader, `c(session)` per session."),
)


def complete(analysis: Analysis, offset: int, limit: int = 200) -> CompletionList:
    """Completion items at byte ``offset`` of ``analysis.data`` (at most ``limit``)."""
    completer = _Completer(analysis, offset, limit)
    completer.run()
    return completer.result()

