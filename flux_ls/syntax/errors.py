"""Syntax diagnostics (FLX001) from the ERROR and MISSING nodes of a tree.

One diagnostic per outermost ERROR node and per MISSING node outside any ERROR, so one
mistake reads as one message. The message names the unexpected text and, where the parse
table knows it, what was expected there.
"""

from __future__ import annotations

import tree_sitter

from ..diagnostics import Diagnostic
from ..model import Span
from .parse import SyntaxTree, language

_TOKEN_NAMES = {"identifier": "a name", "end": "end of file"}
_HIDDEN = {"comment", "ERROR", "_"}


def _describe(kind: str) -> str:
    return _TOKEN_NAMES.get(kind, f"`{kind}`")


def _expected(node: tree_sitter.Node) -> list[str]:
    prev = node.prev_sibling
    state = prev.next_parse_state if prev is not None else (
        node.parent.parse_state if node.parent is not None else 0)
    names: list[str] = []
    lookahead = language().lookahead_iterator(state)
    if lookahead is None:
        return names
    unexpected = node.children[0].type if node.children else node.type
    lang = language()
    for symbol in list(lookahead.symbols()):
        name = lang.node_kind_for_id(symbol) or ""
        if name in _HIDDEN or name == unexpected or not _is_token(symbol, name):
            continue
        described = _describe(name)
        if described not in names:
            names.append(described)
    return names


def _is_token(symbol: int, name: str) -> bool:
    """True for tokens a user can type (keywords, punctuation, names), not grammar rules."""
    lang = language()
    if name in _TOKEN_NAMES:
        return True
    return lang.node_kind_is_visible(symbol) and not lang.node_kind_is_named(symbol)


def _one_of(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return f"; expected {names[0]}"
    if len(names) <= 6:
        return "; expected " + ", ".join(names[:-1]) + " or " + names[-1]
    return ""


def _first_line(data: bytes, start: int, end: int) -> int:
    newline = data.find(b"\n", start, end)
    return end if newline == -1 else newline


def _error_message(data: bytes, node: tree_sitter.Node) -> str:
    text = data[node.start_byte:node.end_byte].decode("utf-8", "replace").split()
    shown = " ".join(text)
    if len(shown) > 30:
        shown = shown[:27] + "…"
    if not shown:
        return "syntax error" + _one_of(_expected(node))
    return f"unexpected `{shown}`" + _one_of(_expected(node))


def syntax_diagnostics(syntax: SyntaxTree) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if not syntax.root.has_error:
        return out
    cursor = syntax.root.walk()
    stack = [syntax.root]
    data = syntax.data
    del cursor
    while stack:
        node = stack.pop()
        if node.is_error:
            end = _first_line(data, node.start_byte, node.end_byte)
            out.append(Diagnostic.make("FLX001", _error_message(data, node),
                                       Span(node.start_byte, max(end, node.start_byte))))
            continue
        if node.is_missing:
            out.append(Diagnostic.make("FLX001", f"expected {_describe(node.type)}",
                                       Span(node.start_byte, node.end_byte)))
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
    out.sort(key=lambda d: d.span.start)
    return out
