"""Selection ranges ("expand selection"): from the token at the cursor out to the file.

``selection_range(analysis, offset)`` returns the chain of byte spans, innermost first, each
strictly containing the one before: the tree-sitter nodes from the token at the cursor up to
its declaration, with the steps a programmer expects in between — the C type of a parameter
(``unsigned long`` in ``unsigned long n``), the contents of a bracketed list without its
brackets (``int a, int b`` inside ``(…)``, the elements of a pattern or an atomic set), the
declaration together with its doc comment — and the whole file last. A cursor right after
a word (``Write|``) selects that word. ``selection_ranges`` answers the LSP request, which
asks for several positions at once.
"""

from __future__ import annotations

from collections.abc import Iterable

import tree_sitter

from ..analysis import Analysis
from ..model import Span
from ..syntax.lower import doc_comment

__all__ = ["selection_range", "selection_ranges"]

_BRACKETS = {"parameter_list": ("(", ")"), "pattern": ("[", "]"),
             "atomic_declaration": ("{", "}"), "session_clause": ("{", "}")}


def _is_word(byte: int) -> bool:
    return byte == 0x5F or 0x30 <= byte <= 0x39 or 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A


def _leaf(root: tree_sitter.Node, data: bytes, offset: int) -> tree_sitter.Node:
    at_word = offset < len(data) and _is_word(data[offset])
    if offset > 0 and _is_word(data[offset - 1]) and not at_word:
        offset -= 1          # just after a word: select the word
    node = root.descendant_for_byte_range(offset, offset)
    return node if node is not None else root


def _inner(node: tree_sitter.Node) -> Span | None:
    """The contents of a bracketed node without its brackets (None if empty)."""
    brackets = _BRACKETS.get(node.type)
    if brackets is None:
        return None
    opening, closing = brackets
    children = node.children
    open_at = next((i for i, c in enumerate(children) if c.type == opening), None)
    close_at = next((i for i in range(len(children) - 1, -1, -1)
                     if children[i].type == closing), None)
    if open_at is None or close_at is None or close_at - open_at < 2:
        return None
    return Span(children[open_at + 1].start_byte, children[close_at - 1].end_byte)


def _type_span(node: tree_sitter.Node) -> Span | None:
    parts = node.children_by_field_name("type")
    return Span(parts[0].start_byte, parts[-1].end_byte) if parts else None


def _doc_span(node: tree_sitter.Node, data: bytes) -> Span | None:
    """A top-level node together with its doc comment (None without one)."""
    doc = doc_comment(node.prev_named_sibling, node, data)
    return Span(doc.start_byte, node.end_byte) if doc is not None else None


def selection_range(analysis: Analysis, offset: int) -> tuple[Span, ...]:
    """Spans from the innermost (the token at ``offset``) to the whole file."""
    data = analysis.data
    root = analysis.syntax.root
    offset = max(0, min(offset, len(data)))
    chain: list[Span] = []

    def add(span: Span | None) -> None:
        if span is None or span.start > offset or span.end < offset:
            return
        if chain and (span == chain[-1] or not (span.start <= chain[-1].start
                                                and chain[-1].end <= span.end)):
            return
        chain.append(span)

    node: tree_sitter.Node | None = _leaf(root, data, offset)
    child: tree_sitter.Node | None = None
    while node is not None and node.parent is not None:
        if node.type == "parameter" and child is not None and node.child_by_field_name(
                "name") != child:
            add(_type_span(node))
        if child is not None:
            add(_inner(node))
        add(Span(node.start_byte, node.end_byte))
        if node.parent.parent is None:
            add(_doc_span(node, data))
        child, node = node, node.parent
    add(Span(0, len(data)))
    if not chain:
        chain.append(Span(offset, offset))
    return tuple(chain)


def selection_ranges(analysis: Analysis, offsets: Iterable[int]) -> list[tuple[Span, ...]]:
    """``selection_range`` for each offset, in order."""
    return [selection_range(analysis, offset) for offset in offsets]
