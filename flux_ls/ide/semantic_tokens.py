"""Semantic tokens: what every word of a Flux file *is*, for the editor's colours.

``semantic_tokens(analysis, start=None, end=None)`` returns ``(start, end, type,
modifiers)`` tuples — absolute UTF-8 byte ranges of ``analysis.data``, sorted, never
overlapping and never spanning a line break (a block comment gives one token per line) — with
``type`` an index into ``TOKEN_TYPES`` and ``modifiers`` a bit set over ``TOKEN_MODIFIERS``
(the legend, documented in docs/semantic-tokens.md). With ``start``/``end`` only the tokens of
the declarations that intersect that byte range are computed (``textDocument/semanticTokens/
range``).

The LSP wire format is relative (line delta, start delta, length) in the client's position
encoding: ``encode(tokens, data, encoding)`` produces that int list, and ``edits(old, new)``
the ``SemanticTokensEdit`` list (as ``TokensEdit``) turning one encoded array into another
(``textDocument/semanticTokens/full/delta``). Both are pure functions over ints.

For a whole document, ``encoded_tokens(analysis, encoding)`` returns the same ints as
``encode(semantic_tokens(analysis), …)`` but reuses the work of earlier calls: the file is cut
into content-defined blocks (top-level nodes of the tree, ~32 a block) whose encodings are
cached by their text (a module-level LRU cache, ``CACHE_SIZE`` blocks; blocks with a syntax
error are not cached, as error recovery depends on more than their text), so after an edit
only the edited block is tokenized again — ~10 ms instead of ~150 ms for a 10,000-line file.
Use it for ``full`` and ``full/delta``. ``encoded_tokens_json`` also gives those ints as JSON
text, assembled from text cached with each block: a 10,000-line file has ~370,000 ints, and
writing them out one by one (cattrs, ``json.dumps``) costs far more than computing them.
Both are cached per analysis.

After an edit, the incremental analysis relocates the declarations behind it only when they
are read, and reading them all costs more than the rest of a request. So the cached paths
and ranges read the tree (the blocks, the flow definitions that make nodes abstract) and
lower the few declarations they tokenize themselves, as the analysis lowers them.

Tokens come from the model (names, C types, constraints) — so a node is an ``abstract``
``function`` wherever it appears (a node that flows define, as in the semantics) — and from
one lexical pass for comments and arrows. Text that an ERROR node swallowed gets only lexical
tokens.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

import tree_sitter

from ..analysis import Analysis
from ..ctypes import QUALIFIERS, TAGS
from ..lru import LRU
from ..model import Atomic, Declaration, FlowDef, Handler, Name, Param, Signature, Source
from ..syntax.lower import Lowerer, lower_declaration, lowering
from ..syntax.parse import COMMENT_PATTERN
from ..text import Encoding, common_ends, newlines, units
from ..text import line_start as start_of_line
from .completion import PRIMITIVE_TYPES
from .index import cached
from .legend import TOKEN_MODIFIERS, TOKEN_TYPES

__all__ = ["TOKEN_MODIFIERS", "TOKEN_TYPES", "Token", "TokensEdit", "edits", "encode",
           "encoded_tokens", "encoded_tokens_json", "semantic_tokens"]

FUNCTION, TYPE, PARAMETER, MACRO, KEYWORD, COMMENT, OPERATOR = range(7)
DECLARATION, DEFINITION, ABSTRACT, READONLY, MODIFICATION, DEFAULT_LIBRARY, DOCUMENTATION, \
    CALLBACK, SESSION = (1 << i for i in range(9))

_PRIMITIVES = frozenset(PRIMITIVE_TYPES)
_TYPE_KEYWORDS = frozenset((*QUALIFIERS, *TAGS))


#: ``(start, end, type, modifiers)``: UTF-8 bytes ``[start, end)`` of ``analysis.data`` on one
#: line, an index into ``TOKEN_TYPES`` and bits over ``TOKEN_MODIFIERS``. (Plain tuples: a
#: 10,000-line file has ~80,000 tokens, and a NamedTuple costs three times as much to build.)
Token = tuple[int, int, int, int]


@dataclass(frozen=True)
class TokensEdit:
    """Replace ``delete_count`` ints of the old array at ``start`` with ``data``."""

    start: int
    delete_count: int
    data: tuple[int, ...]


# --- lexical tokens: comments and arrows ----------------------------------------------------

_LEXICAL = re.compile(COMMENT_PATTERN + rb"|->|=>", re.DOTALL)
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_TYPE_PART = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*|\*")


def _lexical(data: bytes, start: int, end: int, out: list[Token], stop: int | None = None) -> None:
    """Comments and arrows in ``data[start:end]``; with ``stop``, those starting before it
    (scanning on to ``end`` so that a comment is never cut short)."""
    for m in _LEXICAL.finditer(data, start, end):
        a, b = m.span()
        if stop is not None and a >= stop:
            break
        if b - a == 2 and data[a + 1] == 0x3E:          # -> or =>
            out.append((a, b, OPERATOR, 0))
            continue
        doc = DOCUMENTATION if data.startswith(b"/**", a) and b - a > 4 else 0
        if data[a + 1] == 0x2F or (b"\n" not in m.group() and b"\r" not in m.group()):
            out.append((a, b, COMMENT, doc))
            continue
        piece = a
        for br in _LINE_BREAK.finditer(data, a, b):
            if br.start() > piece:
                out.append((piece, br.start(), COMMENT, doc))
            piece = br.end()
        if b > piece:
            out.append((piece, b, COMMENT, doc))


# --- tokens from the model --------------------------------------------------------------------

class _Tokenizer:
    def __init__(self, analysis: Analysis) -> None:
        self.data = analysis.data
        self.abstract = _abstract_nodes(analysis)
        self.out: list[Token] = []
        self.limit = 0          # end of the declaration being tokenized

    def node(self, name: Name, mods: int = 0) -> None:
        if name.text in self.abstract:
            mods |= ABSTRACT
        self.out.append((name.span.start, name.span.end, FUNCTION, mods))

    def word(self, start: int, word: bytes) -> None:
        """A keyword at ``start`` or, if it is not there, the next occurrence."""
        at = start if self.data.startswith(word, start) else self.data.find(
            word, start, self.limit)
        if at >= 0:
            self.out.append((at, at + len(word), KEYWORD, 0))

    def params(self, params: tuple[Param, ...]) -> None:
        out, data = self.out, self.data
        for p in params:
            span = p.type.span
            for m in _TYPE_PART.finditer(data, span.start, span.end):
                a, b = m.span()
                text = m.group()
                if text == b"*":
                    out.append((a, b, OPERATOR, 0))
                else:
                    word = text.decode("ascii")
                    if word in _PRIMITIVES:
                        out.append((a, b, TYPE, DEFAULT_LIBRARY))
                    elif word in _TYPE_KEYWORDS:
                        out.append((a, b, KEYWORD, 0))
                    else:
                        out.append((a, b, TYPE, 0))
            out.append((p.name.span.start, p.name.span.end, PARAMETER, DECLARATION))

    def declaration(self, d: Declaration) -> None:
        self.limit = d.span.end
        if isinstance(d, Signature):
            self.node(d.name, DECLARATION)
            self.params(d.inputs)
            self.params(d.outputs)
        elif isinstance(d, FlowDef):
            self.flow(d)
        elif isinstance(d, Source):
            self.word(d.span.start, b"source")
            self.node(d.node)
            if d.session is not None:
                self.word(d.node.span.end, b"session")
                self.callback(d.session)
            self.node(d.target)
        elif isinstance(d, Handler):
            self.word(d.span.start, b"handle")
            self.word(d.span.start + 6, b"error")
            self.node(d.node)
            self.callback(d.function)
        elif isinstance(d, Atomic):
            self.atomic(d)
        else:
            self.word(d.span.start, b"typedef")
            self.out.append((d.type.span.start, d.type.span.end, TYPE, DECLARATION))
            self.callback(d.predicate)

    def callback(self, name: Name) -> None:
        self.out.append((name.span.start, name.span.end, FUNCTION, CALLBACK))

    def flow(self, d: FlowDef) -> None:
        self.node(d.name, DEFINITION)
        for e in d.pattern or ():
            if e.name is None:
                self.out.append((e.span.start, e.span.end, KEYWORD, 0))
            else:
                self.out.append((e.span.start, e.span.end, TYPE, 0))
        for step in d.steps:
            self.node(step)

    def atomic(self, d: Atomic) -> None:
        self.word(d.span.start, b"atomic")
        self.node(d.node)
        data = self.data
        for c in d.constraints:
            mods = READONLY if c.mode == "read" else MODIFICATION
            if c.scope == "session":
                mods |= SESSION
            self.out.append((c.name.span.start, c.name.span.end, MACRO, mods))
            rest = data[c.name.span.end:c.span.end]
            for mark in (b"?", b"!"):
                at = rest.find(mark)
                if at >= 0:
                    pos = c.name.span.end + at
                    self.out.append((pos, pos + 1, OPERATOR, 0))
            if c.explicit_scope:
                self.word(c.name.span.end, c.scope.encode())


def declaration_starts(analysis: Analysis) -> list[int]:
    """Where each declaration of the program starts (computed once per analysis)."""
    return cached(analysis, "ide.declaration_starts", list,
                  lambda: [d.span.start for d in analysis.program.declarations])


def _abstract_nodes(analysis: Analysis) -> frozenset[str]:
    """The nodes that flows define: the abstract ones (as ``semantics`` has it). Read from
    the flow definitions of the tree, named as lowering names them, block by block (the
    names a block defines are cached by its text): after an edit, reading them from
    ``analysis.semantics`` or ``analysis.program`` would relocate every node or declaration
    behind the edit, which costs more than the rest of the request."""
    return cached(analysis, "ide.semantic_tokens.abstract", frozenset,
                  lambda: _read_abstract_nodes(analysis))


def _read_abstract_nodes(analysis: Analysis) -> frozenset[str]:
    data = analysis.data
    names: set[str] = set()
    children = _root_children(analysis)
    for start, end, lo, hi, clean in _boundaries(analysis):
        key = data[start:end]
        defined = _DEFINES.get(key) if clean else None
        if defined is None:
            defined = _flows_defined(data, children[lo:hi])
            if clean:
                _DEFINES.put(key, defined)
        names |= defined
    return frozenset(names)


def _flows_defined(data: bytes, children: Sequence[tree_sitter.Node]) -> frozenset[str]:
    """The names of the flow definitions among top-level ``children`` (named as
    ``syntax.lower`` names them: a missing or empty name defines nothing)."""
    names = set()
    for node in children:
        if node.type == "flow_definition":
            name = node.child_by_field_name("name")
            if name is not None and not name.is_missing and name.end_byte > name.start_byte:
                names.add(data[name.start_byte:name.end_byte].decode("utf-8", "replace"))
    return frozenset(names)


def semantic_tokens(analysis: Analysis, start: int | None = None,
                    end: int | None = None) -> list[Token]:
    """The tokens of the file (or of the declarations intersecting ``[start, end)``)."""
    data = analysis.data
    lex_start, lex_end = 0, len(data)
    decls: Sequence[Declaration]
    if start is None and end is None:
        decls = analysis.program.declarations
    else:
        start = 0 if start is None else max(0, start)
        end = len(data) if end is None else min(len(data), end)
        # the top-level nodes in range, lowered here: after an edit, the program's
        # declarations would first all be relocated (~30 ms for 10,000 lines)
        children = _root_children(analysis)
        lo, hi = _children_between(analysis, start, end)
        decls = _declarations_of(analysis, children, lo, hi)
        lex_start = min(start, children[lo].start_byte) if lo < hi else start
        lex_start = _top_level_start(analysis, lex_start)
        lex_end = end
    tokenizer = _Tokenizer(analysis)
    for d in decls:
        tokenizer.declaration(d)
    tokens = tokenizer.out
    _lexical(data, lex_start, len(data), tokens, stop=lex_end)
    tokens.sort()
    if start is not None and end is not None:
        tokens = [t for t in tokens if t[1] > start and t[0] < end]
    return _without_overlaps(tokens)


def _children_between(analysis: Analysis, start: int, end: int) -> tuple[int, int]:
    """``(lo, hi)``: the children of the root that may intersect ``[start, end)`` are
    ``lo`` to ``hi - 1`` (found by bisection in their ranges, without listing them).
    (Not ``TreeCursor.goto_first_child_for_byte``: it finds no child for a byte inside the
    blank line that ends a hidden paragraph.)"""
    ranges = analysis.syntax.top.ranges
    lo = bisect.bisect_right(ranges, start, key=lambda r: r[1])  # first ending after start
    hi = bisect.bisect_right(ranges, end, key=lambda r: r[1])    # first ending after end
    if hi < len(ranges) and ranges[hi][0] < end:
        hi += 1
    return lo, hi


def _top_level_start(analysis: Analysis, offset: int) -> int:
    """Where the top-level node (declaration or comment) holding ``offset`` starts
    (``offset`` itself where none holds it)."""
    top = analysis.syntax.top
    i = top.index_at(offset)
    return top.ranges[i][0] if i >= 0 and top.ranges[i][1] > offset else offset


def _without_overlaps(tokens: list[Token]) -> list[Token]:
    """Drop empty tokens and any token starting inside the previous one (broken text)."""
    out: list[Token] = []
    last_end = -1
    for t in tokens:
        if t[0] >= last_end and t[1] > t[0]:
            out.append(t)
            last_end = t[1]
    return out


# --- the LSP encoding ------------------------------------------------------------------------

def encode(tokens: Sequence[Token], data: bytes, encoding: Encoding = "utf-16") -> list[int]:
    """The LSP ``SemanticTokens.data`` of ``tokens`` (sorted and disjoint, as
    ``semantic_tokens`` returns them): five ints per token (line delta, start delta, length,
    type, modifiers) with characters counted in ``encoding``."""
    out: list[int] = []
    if not tokens:
        return out
    first = start_of_line(data, tokens[0][0])  # only the lines the tokens are on
    last = max(t[1] for t in tokens[-8:])
    starts = [first] + [m.end() for m in _LINE_BREAK.finditer(data, first, last)]
    ascii_data = encoding == "utf-8" or data[first:last].isascii()
    base = newlines(data, 0, first)
    line, prev_line, prev_char = 0, -base, 0
    for start, end, kind, mods in tokens:
        while line + 1 < len(starts) and starts[line + 1] <= start:
            line += 1
        line_start = starts[line]
        if ascii_data:
            char, length = start - line_start, end - start
        else:
            char = units(data[line_start:start], encoding)
            length = units(data[start:end], encoding)
        delta_char = char - prev_char if line == prev_line else char
        out += (line - prev_line, delta_char, length, kind, mods)
        prev_line, prev_char = line, char
    return out


def edits(old: Sequence[int], new: Sequence[int]) -> list[TokensEdit]:
    """The edits turning encoded array ``old`` into ``new``: none if equal, else one edit
    replacing what lies between their longest common prefix and suffix (whole tokens)."""
    a = old if isinstance(old, list) else list(old)
    b = new if isinstance(new, list) else list(new)
    if a == b:
        return []
    prefix, suffix = common_ends(a, b)
    prefix = prefix // 5 * 5
    suffix = suffix // 5 * 5  # tokens are 5 ints; the arrays' lengths are multiples of 5
    return [TokensEdit(prefix, len(a) - prefix - suffix, tuple(b[prefix:len(b) - suffix]))]


def apply_edits(old: Sequence[int], changes: Sequence[TokensEdit]) -> list[int]:
    """``old`` with ``changes`` applied (as a client does; edits in any order, not
    overlapping) — the inverse of ``edits``, used by tests."""
    out = list(old)
    for e in sorted(changes, key=lambda e: e.start, reverse=True):
        out[e.start:e.start + e.delete_count] = e.data
    return out


# --- the whole file, encoded, reusing what an edit did not touch ------------------------------

@dataclass(frozen=True)
class _Block:
    ints: list[int]             # encoded as if the previous token were at the block's start
    tail: str                   # ``ints[2:]`` as JSON (``"3,1,0,…"``; the first two vary)
    last_line: int              # the last token: its line (from the block's first line) …
    last_char: int              # … and character (from the block start on the first line)
    refs: frozenset[str]        # the node names the block uses …
    abstract_refs: frozenset[str]   # … and which of them were abstract


#: Encoded blocks by (encoding, block text); least recently used first. Shared by every
#: document (identical text gives identical tokens) and guarded for server worker threads.
CACHE_SIZE = 1024  # ~17 KB a block: a 10,000-line file has ~250 blocks
_CACHE: LRU[tuple[str, bytes], _Block] = LRU(CACHE_SIZE)
#: The names of the flows each block defines, by block text (the same bound).
_DEFINES: LRU[bytes, frozenset[str]] = LRU(CACHE_SIZE)


def _root_children(analysis: Analysis) -> Sequence[tree_sitter.Node]:
    """The children of the tree's root (read once per tree, see ``SyntaxTree.top``)."""
    return analysis.syntax.top.nodes


def _boundaries(analysis: Analysis) -> list[tuple[int, int, int, int, bool]]:
    """The file cut into blocks ``(start, end, first child, past last child, clean)`` after
    each top-level node of the tree whose length in bytes is a multiple of 32:
    content-defined, so an edit changes the text of the block it is in and of no other
    block. (Children of the root, not the model's declarations: after an edit the
    declarations behind it are relocated lazily, and reading all their spans would cost
    more than the request.) A block is ``clean`` without a syntax error in it: only clean
    blocks are cached by their text (error recovery depends on more than the text)."""
    return cached(analysis, "ide.semantic_tokens.boundaries", list,
                  lambda: _read_boundaries(analysis))


def _read_boundaries(analysis: Analysis) -> list[tuple[int, int, int, int, bool]]:
    data = analysis.data
    root = analysis.syntax.root
    children = _root_children(analysis)
    broken = frozenset(analysis.syntax.top.errors)
    out = []
    start = lo = 0

    def block(start: int, end: int, lo: int, hi: int) -> tuple[int, int, int, int, bool]:
        clean = not root.is_error and not any(i in broken for i in range(lo, hi))
        return start, end, lo, hi, clean

    for i, node in enumerate(children):
        end = node.end_byte
        if (end - node.start_byte) & 31 == 0 and end > start:
            out.append(block(start, end, lo, i + 1))
            start, lo = end, i + 1
    out.append(block(start, len(data), lo, len(children)))
    return out


def _declarations_of(analysis: Analysis, children: Sequence[tree_sitter.Node], lo: int, hi: int
                     ) -> list[Declaration]:
    """The declarations of top-level ``children[lo:hi]``, lowered as the analysis lowers
    them (each on its own: the same declarations as ``analysis.program``'s, without making
    the program's relocated copies of every declaration after an edit)."""
    lowerer = Lowerer(analysis.data)
    prev = children[lo - 1] if lo > 0 else None
    out = []
    for node in children[lo:hi]:
        method = lowering(node)
        if method is not None:
            decl, _ = lower_declaration(lowerer, method, node, prev)
            if decl is not None:
                out.append(decl)
        prev = node
    return out


def _names(d: Declaration) -> list[str]:
    if isinstance(d, Signature):
        return [d.name.text]
    if isinstance(d, FlowDef):
        return [d.name.text, *(s.text for s in d.steps)]
    if isinstance(d, Source):
        return [d.node.text, d.target.text]
    if isinstance(d, Handler | Atomic):
        return [d.node.text]
    return []


def _block(analysis: Analysis, start: int, end: int, decls: Sequence[Declaration],
           encoding: Encoding) -> _Block:
    tokenizer = _Tokenizer(analysis)
    for d in decls:
        tokenizer.declaration(d)
    tokens = tokenizer.out
    _lexical(analysis.data, start, end, tokens)
    tokens.sort()
    tokens = [(a - start, b - start, t, m) for a, b, t, m in _without_overlaps(tokens)]
    local = analysis.data[start:end]
    ints = encode(tokens, local, encoding)
    last_line = sum(ints[0::5]) if ints else 0
    last_char = _last_char(ints)
    refs = frozenset(n for d in decls for n in _names(d))
    return _Block(ints, ",".join(map(str, ints[2:])), last_line, last_char, refs,
                  refs & tokenizer.abstract)


def _last_char(ints: list[int]) -> int:
    """The character of the last token of an encoded array."""
    char = 0
    for i in range(0, len(ints), 5):
        char = ints[i + 1] + char if ints[i] == 0 else ints[i + 1]
    return char


def encoded_tokens(analysis: Analysis, encoding: Encoding = "utf-16") -> list[int]:
    """``encode(semantic_tokens(analysis), analysis.data, encoding)``, fast: the file is cut
    into content-defined blocks of ~32 declarations whose encodings are cached (keyed by
    their text; valid while the nodes they use keep being abstract or concrete), so after an
    edit only the edited block is tokenized again."""
    return encoded_tokens_json(analysis, encoding)[0]


def encoded_tokens_json(analysis: Analysis, encoding: Encoding = "utf-16"
                        ) -> tuple[list[int], str]:
    """``encoded_tokens(analysis, encoding)``, and the same ints as a JSON array (no
    spaces). The caller must not change the list."""
    return cached(analysis, f"ide.semantic_tokens.encoded.{encoding}", tuple,
                  lambda: _encoded(analysis, encoding))


#: Above this many blocks to tokenize, their declarations are taken from the program rather
#: than lowered again (reading the program's relocates every declaration behind an edit,
#: ~30 ms for 10,000 lines; lowering again costs ~1 ms a block).
_LOWER_AT_MOST = 8


def _encoded(analysis: Analysis, encoding: Encoding) -> tuple[list[int], str]:
    data = analysis.data
    abstract = _abstract_nodes(analysis)
    boundaries = _boundaries(analysis)
    found: list[_Block | None] = []
    for start, end, _, _, clean in boundaries:
        key = (encoding, data[start:end])
        block = _CACHE.get(key) if clean else None
        found.append(block if block is None or (block.refs & abstract) == block.abstract_refs
                     else None)
    from_program = sum(block is None for block in found) > _LOWER_AT_MOST
    children = _root_children(analysis)
    out: list[int] = []
    text: list[str] = []
    prev_line = prev_char = 0
    line = pos = 0
    for (start, end, lo, hi, clean), block in zip(boundaries, found, strict=True):
        if block is None:
            decls = _program_declarations(analysis, start, end) if from_program \
                else _declarations_of(analysis, children, lo, hi)
            block = _block(analysis, start, end, decls, encoding)
            if clean:
                _CACHE.put((encoding, data[start:end]), block)
        line += newlines(data, pos, start)
        pos = start
        if not block.ints:
            continue
        line_start = start_of_line(data, start)
        column = units(data[line_start:start], encoding)
        i = len(out)
        out += block.ints
        first_line = line + out[i]
        first_char = column + out[i + 1] if out[i] == 0 else out[i + 1]
        out[i] = first_line - prev_line
        out[i + 1] = first_char - prev_char if first_line == prev_line else first_char
        text.append(f"{out[i]},{out[i + 1]},{block.tail}")
        prev_line = line + block.last_line
        prev_char = column + block.last_char if block.last_line == 0 else block.last_char
    return out, "[" + ",".join(text) + "]"


def _program_declarations(analysis: Analysis, start: int, end: int) -> Sequence[Declaration]:
    """The program's declarations that start in ``[start, end)``."""
    starts = declaration_starts(analysis)
    return analysis.program.declarations[bisect.bisect_left(starts, start):
                                         bisect.bisect_left(starts, end)]
