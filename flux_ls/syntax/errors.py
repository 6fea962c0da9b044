"""Syntax diagnostics (FLX001) from the ERROR and MISSING nodes of a tree.

One diagnostic per mistake: each top-level declaration (or top-level ERROR) reports only its
first problem, so a mistake never cascades. The primary span is one token, never a region:

- an ERROR holding a token that does not fit: ``unexpected `->`; expected a node name`` on
  that token (found by replaying the tokens' parse states against the parse table);
- an ERROR holding an unfinished declaration (the tree-sitter-flux scanner ends one before
  a line that starts a new declaration): ``expected a node name after `->``` on its last token;
- a MISSING token: ``expected `;` after `Serve``` on the token before the gap.

A reserved word or a lone ``_`` written where a name is due parses as an identifier (the
grammar accepts it so the rest of the declaration is still understood) and is reported here.
Lowering sees every name, so when the caller has lowered the tree (``analyze`` does) the
names it noted are used (``Unit.reserved``); otherwise a scan of the text finds them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import tree_sitter

from ..diagnostics import Diagnostic, Edit, Fix
from ..model import Span
from .expected import (
    DECLARATION_KEYWORDS,
    describe_name,
    expected,
    is_token,
    leaves,
    prev_token,
    state_after,
    top_level,
    unit_tokens,
    valid_symbols,
)
from .lower import RESERVED
from .parse import SyntaxTree, language
from .units import Lowered

Node = tree_sitter.Node

__all__ = ["RESERVED", "syntax_diagnostics"]
_MAX_SHOWN = 30


def syntax_diagnostics(syntax: SyntaxTree, lowered: Lowered | None = None) -> list[Diagnostic]:
    """FLX001 diagnostics of a tree: syntax errors, then reserved words used as names.
    ``lowered``, the lowering of the same tree, says where the errors and names are."""
    out: list[Diagnostic] = []
    root = syntax.root
    if root.has_error:
        units: list[Node | None]
        if root.is_error:
            units = [root]
        elif lowered is not None:
            units = _with_context(syntax.top.nodes, lowered.error_children)
        else:
            units = list(syntax.top.nodes)
        error_row = -1  # last row of the previous top-level ERROR, if it was the previous unit
        for unit in units:
            if unit is None:  # a unit without error between two with errors
                error_row = -1
                continue
            if unit.type == "comment":
                continue
            # What follows a top-level ERROR on its line (or is another ERROR) is the same mistake.
            same_mistake = error_row >= 0 and (unit.is_error or unit.start_point.row <= error_row)
            if unit.has_error and not same_mistake:
                found = _first_problem(unit, syntax.data)
                if found is not None:
                    out.append(found)
            error_row = unit.end_point.row if unit.is_error else -1
    out.extend(_make(skipped.reason, Span(skipped.start, skipped.end))
               for skipped in syntax.skipped)
    # (A root that is itself an ERROR holds stray names directly: scan then.)
    out.extend(_reserved_names(syntax) if lowered is None or root.is_error
               else _reserved_in_units(lowered))
    out.sort(key=lambda d: d.span.start)
    return out


def _with_context(nodes: Sequence[Node], errors: list[int]) -> list[Node | None]:
    """The children of the root (``nodes``) with an error inside (``errors``: their indexes),
    with a None between two of them wherever a child in between is not a comment: the loop
    above then sees what it would see walking every child."""
    out: list[Node | None] = []
    last = -1
    for index in errors:
        if last >= 0 and any(nodes[between].type != "comment"
                             for between in range(index - 1, last, -1)):
            out.append(None)
        out.append(nodes[index])
        last = index
    return out


def _first_problem(unit: Node, data: bytes) -> Diagnostic | None:
    stack = [unit]
    while stack:
        node = stack.pop()
        if node.is_missing:
            return _missing(node, data)
        if node.is_error:
            return _error(node, data)
        stack.extend(reversed([c for c in node.children if c.has_error]))
    return None


# --- MISSING tokens -----------------------------------------------------------------------

def _missing(node: Node, data: bytes) -> Diagnostic:
    prev = prev_token(node)
    wanted = describe_name(prev) if node.type == "identifier" else f"`{node.type}`"
    if prev is None:
        return _make(f"expected {wanted}", Span(node.start_byte, node.start_byte))
    return _make(f"expected {wanted} after `{_shown(data, prev)}`", _span(prev))


# --- ERROR nodes --------------------------------------------------------------------------

def _error(node: Node, data: bytes) -> Diagnostic:
    tokens = [leaf for leaf in leaves(node) if is_token(leaf)]
    if not tokens:
        return _make("syntax error", Span(node.start_byte, node.start_byte))
    if tokens[0].is_error and data.startswith(b"/*", tokens[0].start_byte):
        start = tokens[0].start_byte
        return _make("unterminated comment: `/*` has no closing `*/`", Span(start, start + 2))
    offender = _offender(tokens)
    if offender is not None:
        return _unexpected(tokens, offender, data)
    last = tokens[-1]
    wanted = expected(state_after(last, data), last)
    following = _next_token(node) if node.parent is not None and node.parent.parent else None
    if following is not None:  # skipped tokens inside a declaration: blame what follows
        return _make(f"unexpected `{_shown(data, following)}`" + _one_of(wanted),
                     _span(following))
    if not wanted:
        return _make(f"unfinished declaration after `{_shown(data, last)}`", _span(last))
    return _make(f"expected {_or(wanted)} after `{_shown(data, last)}`", _span(last))


def _offender(tokens: list[Node]) -> int | None:
    """Index of the first token its own parse state rejects, or None for a valid prefix."""
    count = language().parse_state_count
    for i, leaf in enumerate(tokens):
        state = leaf.parse_state
        if leaf.is_error or not 0 < state < count or leaf.grammar_id not in valid_symbols(state):
            return i
    return None


def _unexpected(tokens: list[Node], index: int, data: bytes) -> Diagnostic:
    leaf = tokens[index]
    first = tokens[0]
    if index == 1 and first.type in DECLARATION_KEYWORDS and leaf.type in ("(", "=", ":"):
        message = f"`{first.type}` is a reserved word and cannot name a node"
        return _make(message, _span(first))
    prev = tokens[index - 1] if index > 0 else prev_token(leaf)
    state = leaf.parse_state
    if leaf.is_error or state == 0 or state >= language().parse_state_count:
        state = state_after(prev, data) if prev is not None else 1
    wanted = expected(state, prev)
    diagnostic = _make(f"unexpected `{_shown(data, leaf)}`" + _one_of(wanted),
                       _first_line(data, leaf))
    return _with_keyword_guess(diagnostic, tokens, index, wanted, data)


# --- misspelt keywords ------------------------------------------------------------------------

def _with_keyword_guess(diagnostic: Diagnostic, tokens: list[Node], index: int,
                        wanted: list[str], data: bytes) -> Diagnostic:
    """``diagnostic`` with "did you mean `atomic`?" and the fix that writes it, when a word
    of the declaration is a near miss of a keyword: its first word (``atomc Get:{x};``
    parses as a node named `atomc` until `Get`), or the unexpected word itself where the
    grammar wanted a keyword (``handle eror``, ``{sesion: F}``)."""
    leaf = tokens[index]
    if index == 1 and tokens[0].type == "identifier":
        word, keywords = tokens[0], DECLARATION_KEYWORDS
    elif leaf.type in ("identifier", "type_identifier"):
        word = leaf
        keywords = frozenset(w[1:-1] for w in wanted if w[1:-1].isidentifier())
    else:
        return diagnostic
    text = data[word.start_byte:word.end_byte].decode("utf-8", "replace")
    guess = close_keyword(text, keywords)
    if guess is None:
        return diagnostic
    fix = Fix(f"Change `{text}` to `{guess}`", (Edit(_span(word), guess),), preferred=True)
    return replace(diagnostic, hint=f"did you mean `{guess}`?", fixes=(fix,))


def close_keyword(word: str, keywords: frozenset[str]) -> str | None:
    """The keyword ``word`` is most likely a misspelling of (one or two letters off), if
    any: ``atomc`` → ``atomic``, ``sourse`` → ``source``, ``handel`` → ``handle``."""
    if word in keywords or len(word) < 3:
        return None
    found = difflib.get_close_matches(word.lower(), sorted(keywords), n=1, cutoff=0.7)
    return found[0] if found else None


def _one_of(names: list[str]) -> str:
    return f"; expected {_or(names)}" if 0 < len(names) <= 6 else ""


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


# --- reserved words used as names -------------------------------------------------------------

_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


@lru_cache(maxsize=1)
def _reserved_patterns() -> tuple[re.Pattern[bytes], ...]:
    """One pattern per word: a literal prefix lets `re` skip ahead with a fast search (an
    alternation of words, or a look-behind in front, makes it try every position)."""
    return tuple(re.compile(re.escape(word.encode()) + rb"(?![A-Za-z0-9_])")
                 for word in sorted(RESERVED | {"_"}))


def _reserved_names(syntax: SyntaxTree) -> list[Diagnostic]:
    """Reserved words (and `_`) that the tree holds as names. Only the places where such a
    word is written are looked at, so a large file costs a text scan, not a tree walk."""
    data = syntax.data
    found = sorted(match.span() for pattern in _reserved_patterns()
                   for match in pattern.finditer(data)
                   if match.start() == 0 or data[match.start() - 1] not in _WORD_BYTES)
    out = []
    root = syntax.root
    for start, end in found:
        node = root.descendant_for_byte_range(start, end)
        if node is None or node.type not in ("identifier", "type_identifier"):
            continue
        if (node.start_byte, node.end_byte) != (start, end):
            continue
        if top_level(node).has_error:  # the syntax error is the one mistake reported there
            continue
        out.append(_reserved(data[start:end].decode(), _span(node)))
    return out


def _reserved_in_units(lowered: Lowered) -> list[Diagnostic]:
    """The same, from the names lowering noted in each declaration without a syntax error."""
    out: list[Diagnostic] = []
    for index in lowered.reserved_units:
        unit = lowered.units[index]
        delta = lowered.starts[index] - unit.start
        out.extend(_reserved(word, Span(span.start + delta, span.end + delta))
                   for span, word in unit.reserved)
    return out


def _reserved(word: str, span: Span) -> Diagnostic:
    message = ("`_` is the wildcard and cannot be a name" if word == "_"
               else f"`{word}` is a reserved word and cannot be a name")
    return _make(message, span)


# --- tree helpers -----------------------------------------------------------------------------

def _next_token(node: Node) -> Node | None:
    """The first token after ``node`` within its top-level declaration."""
    return next((t for t in unit_tokens(node) if t.start_byte >= node.end_byte), None)


def _first_line(data: bytes, node: Node) -> Span:
    """The span of ``node`` to the end of its first line (LF, CRLF or a lone CR)."""
    end = node.end_byte
    for line_break in (b"\n", b"\r"):
        found = data.find(line_break, node.start_byte, end)
        end = end if found == -1 else found
    return Span(node.start_byte, end)


def _shown(data: bytes, node: Node) -> str:
    text = " ".join(data[node.start_byte:node.end_byte].decode("utf-8", "replace").split())
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN - 1] + "…"


def _span(node: Node) -> Span:
    return Span(node.start_byte, node.end_byte)


def _make(message: str, span: Span) -> Diagnostic:
    return Diagnostic.make("FLX001", message, span)
